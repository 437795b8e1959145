import { PoseChannel } from '../../../../client/voice/pose-channel';

describe('PoseChannel', () => {
  it('carries poses once voice is up, and none while paused ("just be here" sits still)', () => {
    const channel = new PoseChannel();
    const carried: number[] = [];
    channel.send(Uint8Array.of(1));
    channel.carry((bytes) => carried.push(bytes[0] ?? -1));
    channel.send(Uint8Array.of(2));
    channel.pause(true);
    channel.send(Uint8Array.of(3));
    channel.pause(false);
    channel.send(Uint8Array.of(4));
    channel.carry(undefined);
    channel.send(Uint8Array.of(5));
    expect(carried).toEqual([2, 4]);
  });
});
