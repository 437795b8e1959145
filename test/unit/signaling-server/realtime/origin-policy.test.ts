import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { isOriginAllowed } from '../../../../signaling-server/realtime/origin-policy';

function request(headers: { origin?: string; host?: string }): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

describe('isOriginAllowed', () => {
  it('lets a client without an Origin header through', () => {
    expect(isOriginAllowed(request({ host: 'localhost:8080' }), [])).toBe(true);
    expect(isOriginAllowed(request({}), [])).toBe(true);
  });

  it.each([
    ['the same host and port', 'http://localhost:8080', 'localhost:8080'],
    ['HTTPS on a LAN address', 'https://192.168.1.20:8443', '192.168.1.20:8443'],
    ['a default port left out on both sides', 'https://engawa.example', 'engawa.example'],
    ['an IPv6 host', 'http://[::1]:8080', '[::1]:8080'],
  ])('allows a page from %s', (_label, origin, host) => {
    expect(isOriginAllowed(request({ origin, host }), [])).toBe(true);
  });

  it.each([
    ['another host', 'http://evil.example:8080', 'localhost:8080'],
    ['another port', 'http://localhost:3000', 'localhost:8080'],
    ['a subdomain', 'http://evil.localhost:8080', 'localhost:8080'],
    ['a host that only starts the same', 'http://localhost:8080.evil.example', 'localhost:8080'],
    ['an opaque origin ("null")', 'null', 'localhost:8080'],
    ['an unparsable origin', 'not a url', 'localhost:8080'],
    ['an empty origin', '', 'localhost:8080'],
  ])('refuses a page from %s', (_label, origin, host) => {
    expect(isOriginAllowed(request({ origin, host }), [])).toBe(false);
  });

  it('refuses an Origin when the request has no Host header to compare with', () => {
    expect(isOriginAllowed(request({ origin: 'http://localhost:8080' }), [])).toBe(false);
  });

  it('allows configured extra origins by exact match only', () => {
    const extra = ['https://app.example', 'http://localhost:5173'];
    const host = 'localhost:8080';
    expect(isOriginAllowed(request({ origin: 'https://app.example', host }), extra)).toBe(true);
    expect(isOriginAllowed(request({ origin: 'http://localhost:5173', host }), extra)).toBe(true);
    expect(isOriginAllowed(request({ origin: 'http://app.example', host }), extra)).toBe(false);
    expect(isOriginAllowed(request({ origin: 'https://app.example:444', host }), extra)).toBe(
      false,
    );
    expect(isOriginAllowed(request({ origin: 'https://x.app.example', host }), extra)).toBe(false);
  });
});
