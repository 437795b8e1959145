import {
  createCircle,
  expectOk,
  knock,
  knockPayload,
  request,
  useServers,
  type Harness,
  type TestSocket,
} from '../support/server-harness';

const start = useServers();

const codeAttempts = { attempts: 3, windowS: 60 };

/** A well-formed code that is not `code`. */
function otherCode(code: string, variant: number): string {
  const symbols = '23456789';
  const swapped = symbols[variant % symbols.length] ?? '2';
  const candidate = `${swapped}${code.slice(1)}`;
  return candidate === code ? `Z${code.slice(1)}` : candidate;
}

function expectLockedOut(ack: { ok: boolean; error?: { code: string; retryAfterS?: number } }) {
  expect(ack).toEqual({
    ok: false,
    error: { code: 'too_many_attempts', retryAfterS: expect.any(Number) as unknown },
  });
  expect(ack.error?.retryAfterS).toBeGreaterThan(0);
  expect(ack.error?.retryAfterS).toBeLessThanOrEqual(codeAttempts.windowS);
}

/** A client that claims, through a trusted proxy, to come from `address`. */
function connectFrom(h: Harness, address: string): Promise<TestSocket> {
  return h.connect({ extraHeaders: { 'x-forwarded-for': address } });
}

describe('wrong circle codes', () => {
  test('three wrong codes lock the address out, even for the right code', async () => {
    const h = await start({ codeAttempts });
    const facilitator = await createCircle(h);
    const guesser = await h.connect();

    const wrong = [otherCode(facilitator.code, 0), 'nonsense', otherCode(facilitator.code, 1)];
    const expected = ['circle_not_found', 'code_invalid', 'circle_not_found'];
    for (const [i, code] of wrong.entries()) {
      const ack = await request(guesser, 'circle:knock', knockPayload(code, 'あてずっぽう'));
      expect(ack).toEqual({ ok: false, error: { code: expected[i] } });
    }

    expectLockedOut(
      await request(guesser, 'circle:knock', knockPayload(facilitator.code, 'あてずっぽう')),
    );
    // A wrong code now says nothing about whether it exists.
    expectLockedOut(
      await request(guesser, 'circle:knock', knockPayload(otherCode(facilitator.code, 2), 'x')),
    );
    // The limit is per address, not per socket: a new connection from here is refused too.
    const again = await h.connect();
    expectLockedOut(
      await request(again, 'circle:knock', knockPayload(facilitator.code, 'あてずっぽう')),
    );
  });

  test('wrong resume tokens count as attempts, but a right token still takes its seat', async () => {
    const h = await start({ codeAttempts });
    const facilitator = await createCircle(h);
    const guesser = await h.connect();
    for (let i = 0; i < codeAttempts.attempts; i++) {
      const ack = await request(guesser, 'circle:resume', {
        code: facilitator.code,
        resumeToken: `${'a'.repeat(31)}${i}`,
      });
      expect(ack).toEqual({ ok: false, error: { code: 'resume_refused' } });
    }
    expectLockedOut(
      await request(guesser, 'circle:resume', {
        code: facilitator.code,
        resumeToken: 'b'.repeat(32),
      }),
    );
    expectLockedOut(await request(guesser, 'circle:knock', knockPayload(facilitator.code, 'x')));
    // The token proves the seat is theirs, so sharing an address with a guesser costs nothing.
    expectOk(
      await request(guesser, 'circle:resume', {
        code: facilitator.code,
        resumeToken: facilitator.resumeToken,
      }),
    );
  });

  test('a failed resume says the same for a wrong code and a wrong token', async () => {
    const h = await start({ codeAttempts });
    const facilitator = await createCircle(h);
    const guesser = await h.connect();
    const wrongToken = await request(guesser, 'circle:resume', {
      code: facilitator.code,
      resumeToken: 'c'.repeat(32),
    });
    const wrongCode = await request(guesser, 'circle:resume', {
      code: otherCode(facilitator.code, 0),
      resumeToken: 'c'.repeat(32),
    });
    expect(wrongToken).toEqual({ ok: false, error: { code: 'resume_refused' } });
    expect(wrongCode).toEqual(wrongToken);
  });

  test('right codes never count against the limit', async () => {
    const h = await start({ codeAttempts });
    const facilitator = await createCircle(h);
    for (let i = 0; i < codeAttempts.attempts * 2; i++) {
      await knock(h, facilitator, `なまえ${i}`);
    }
  });

  test('one locked-out address does not lock out another', async () => {
    const h = await start({ codeAttempts, trustProxy: true });
    const facilitator = await createCircle(h);
    const guesser = await connectFrom(h, '203.0.113.7');
    for (let i = 0; i < codeAttempts.attempts; i++) {
      await request(guesser, 'circle:knock', knockPayload(otherCode(facilitator.code, i), 'x'));
    }
    expectLockedOut(await request(guesser, 'circle:knock', knockPayload(facilitator.code, 'x')));

    const neighbour = await connectFrom(h, '198.51.100.2');
    expectOk(await request(neighbour, 'circle:knock', knockPayload(facilitator.code, 'となり')));
  });
});
