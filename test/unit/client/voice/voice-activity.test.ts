import { VoiceActivity } from '../../../../client/voice/voice-activity';

describe('VoiceActivity', () => {
  const options = { onLevel: 0.02, offLevel: 0.01, holdMs: 400 };

  it('starts speaking at the on level, not below it', () => {
    const vad = new VoiceActivity(options);
    expect(vad.update(0.019, 0)).toBe(false);
    expect(vad.update(0.02, 10)).toBe(true);
  });

  it('keeps speaking between the two levels (no flicker)', () => {
    const vad = new VoiceActivity(options);
    vad.update(0.05, 0);
    for (let t = 50; t < 2_000; t += 50) expect(vad.update(0.015, t)).toBe(true);
  });

  it('stops only after staying below the off level for the hold time', () => {
    const vad = new VoiceActivity(options);
    vad.update(0.05, 0);
    expect(vad.update(0.001, 100)).toBe(true);
    expect(vad.update(0.001, 499)).toBe(true);
    expect(vad.update(0.001, 500)).toBe(false);
  });

  it('restarts the hold when the voice comes back briefly', () => {
    const vad = new VoiceActivity(options);
    vad.update(0.05, 0);
    vad.update(0.001, 100);
    vad.update(0.012, 400);
    expect(vad.update(0.001, 600)).toBe(true);
    expect(vad.update(0.001, 1_000)).toBe(false);
  });
});
