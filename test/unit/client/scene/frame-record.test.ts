import { FrameRecord } from '../../../../client/scene/frame-record';

const frame = (ms: number) => ({ ms, drawCalls: 5, triangles: 100, activeMeshes: 4 });

describe('FrameRecord', () => {
  it('numbers every frame and hands back those from an index on, oldest first', () => {
    const record = new FrameRecord(8);
    for (let i = 0; i < 5; i++) record.add(frame(i));
    expect(record.since(3).map((f) => [f.index, f.ms])).toEqual([
      [3, 3],
      [4, 4],
    ]);
    expect(record.since(5)).toEqual([]);
  });

  it('keeps only the last frames once full, still in order', () => {
    const record = new FrameRecord(4);
    for (let i = 0; i < 10; i++) record.add(frame(i));
    expect(record.since(0).map((f) => f.index)).toEqual([6, 7, 8, 9]);
  });
});
