import path from 'node:path';
import { defaultConfig } from '../../signaling-server/config';
import { startServer, type RunningServer } from '../../signaling-server/server';

describe('HTTP surface', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({
      ...defaultConfig(),
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      staticDirs: [path.resolve(__dirname, '..', '..', 'public')],
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('serves the page with a strict CSP, a narrow Permissions-Policy and no X-Powered-By', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<canvas id="scene-canvas"');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // Every source is our own origin or a local scheme: no third-party host anywhere.
    for (const values of directives.values()) {
      for (const value of values) {
        expect(value).toMatch(/^('[a-z-]+'|data:|blob:|mediastream:)$/);
      }
    }
    expect(res.headers.get('permissions-policy')).toContain('microphone=(self)');
    expect(res.headers.get('permissions-policy')).toContain('xr-spatial-tracking=(self)');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('answers /healthz with status, version and counts', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown,
      store: 'memory',
      circles: 0,
      connections: 0,
    });
  });

  it('answers an unknown path with 404 under a CSP that is at least as strict', async () => {
    const res = await fetch(`${server.url}/no-such-file.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src '(self|none)'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the name-tag font from its own origin, in unicode-range pieces, and nothing else there', async () => {
    const css = await fetch(`${server.url}/fonts/noto-sans-jp/600.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    const text = await css.text();
    expect(text).toContain("font-family: 'Noto Sans JP'");
    expect(text).toContain('unicode-range');
    // Every piece it names is a relative URL on this server, never a font CDN.
    const urls = [...text.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    expect(urls.length).toBeGreaterThan(50);
    expect(urls.every((u) => u.startsWith('./files/'))).toBe(true);
    const piece = await fetch(`${server.url}/fonts/noto-sans-jp/${urls[0]?.slice(2) ?? ''}`);
    expect(piece.status).toBe(200);
    expect((await piece.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    // An encoded climb out of the font folder finds nothing.
    const outside = await fetch(`${server.url}/fonts/noto-sans-jp/%2e%2e/%2e%2e/package.json`);
    expect(outside.status).not.toBe(200);
  });
});
