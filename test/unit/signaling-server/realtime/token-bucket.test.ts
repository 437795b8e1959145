import { TokenBucket } from '../../../../signaling-server/realtime/token-bucket';

function takeMany(bucket: TokenBucket, n: number): number {
  let granted = 0;
  for (let i = 0; i < n; i++) if (bucket.take()) granted++;
  return granted;
}

describe('TokenBucket', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a full burst at once, then refuses', () => {
    const bucket = new TokenBucket({ burst: 10, perSecond: 5 }, clock);
    expect(takeMany(bucket, 10)).toBe(10);
    expect(bucket.take()).toBe(false);
    expect(bucket.take()).toBe(false);
  });

  it('takes a cost of several tokens at once, and nothing when it cannot pay it whole', () => {
    const bucket = new TokenBucket({ burst: 10, perSecond: 1 }, clock);
    expect(bucket.take(4)).toBe(true);
    expect(bucket.take(4)).toBe(true);
    expect(bucket.take(4)).toBe(false);
    // The refused cost took nothing: the two tokens left still pay for two single events.
    expect(takeMany(bucket, 3)).toBe(2);
  });

  it('costs nothing when the clock steps backwards', () => {
    const bucket = new TokenBucket({ burst: 240, perSecond: 60 }, clock);
    expect(bucket.take()).toBe(true);
    now -= 10_000;
    expect(takeMany(bucket, 239)).toBe(239);
    now += 1_000;
    expect(takeMany(bucket, 100)).toBe(60);
  });

  it('refills at perSecond with elapsed time', () => {
    const bucket = new TokenBucket({ burst: 240, perSecond: 60 }, clock);
    takeMany(bucket, 240);
    now += 1_000;
    expect(takeMany(bucket, 100)).toBe(60);
    now += 500;
    expect(takeMany(bucket, 100)).toBe(30);
  });

  it('gives one token back per 1/perSecond seconds', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 4 }, clock);
    takeMany(bucket, 2);
    now += 249;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = new TokenBucket({ burst: 5, perSecond: 100 }, clock);
    now += 3_600_000;
    expect(takeMany(bucket, 50)).toBe(5);
  });

  it('does not charge for refused takes', () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 1 }, clock);
    expect(bucket.take()).toBe(true);
    for (let i = 0; i < 100; i++) expect(bucket.take()).toBe(false);
    now += 1_000;
    expect(bucket.take()).toBe(true);
  });

  it('never refuses a sender that keeps exactly to the sustained rate', () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 50 }, clock);
    for (let i = 0; i < 1_000; i++) {
      expect(bucket.take()).toBe(true);
      now += 20;
    }
  });

  it('refuses a sender going a little faster than the rate once the burst is spent', () => {
    const bucket = new TokenBucket({ burst: 10, perSecond: 50 }, clock);
    let refused = 0;
    for (let i = 0; i < 1_000; i++) {
      if (!bucket.take()) refused++;
      now += 19;
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('reads the clock only through the injected function', () => {
    const spy = jest.fn(clock);
    const bucket = new TokenBucket({ burst: 3, perSecond: 1 }, spy);
    expect(spy).toHaveBeenCalledTimes(1);
    bucket.take();
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
