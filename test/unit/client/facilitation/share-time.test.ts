import { formatShareTime, heldForMs } from '../../../../client/facilitation/share-time';

describe('share time', () => {
  it('formats minutes and zero-padded seconds', () => {
    expect(formatShareTime(0)).toBe('0:00');
    expect(formatShareTime(9_999)).toBe('0:09');
    expect(formatShareTime(61_000)).toBe('1:01');
    expect(formatShareTime(3_600_000)).toBe('60:00');
    expect(formatShareTime(-5)).toBe('0:00');
  });

  it('counts on locally from the server figure at arrival', () => {
    expect(heldForMs(5_000, 1_000, 4_000)).toBe(8_000);
    // A clock that steps backwards never makes the counter run back.
    expect(heldForMs(5_000, 1_000, 500)).toBe(5_000);
  });
});
