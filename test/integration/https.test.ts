import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import { defaultConfig } from '../../signaling-server/config';
import { startServer, type RunningServer } from '../../signaling-server/server';
import { ensureCertificate } from '../../signaling-server/tls/self-signed-certificate';

function getJson(
  url: string,
  ca: string,
): Promise<{ status: number; body: unknown; cert: string }> {
  return new Promise((resolve, reject) => {
    // Passing our certificate as the only CA makes the request itself prove the server used it.
    const req = request(url, { ca, servername: 'localhost' }, (res) => {
      if (!(res.socket instanceof TLSSocket)) throw new Error('expected a TLS socket');
      const peer = res.socket.getPeerCertificate();
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), cert: peer.fingerprint256 });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS for headsets', () => {
  let dir: string;
  let server: RunningServer | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'engawa-tls-'));
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a certificate for localhost and the LAN addresses once, then reuses it', async () => {
    const first = await ensureCertificate(dir, ['192.0.2.7']);
    const cert = new X509Certificate(first.cert);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.subjectAltName).toContain('IP Address:192.0.2.7');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');

    const again = await ensureCertificate(dir, ['192.0.2.7']);
    expect(again.cert).toBe(first.cert);

    // A new network address needs a certificate that names it.
    const moved = await ensureCertificate(dir, ['192.0.2.7', '198.51.100.4']);
    expect(moved.cert).not.toBe(first.cert);
    expect(new X509Certificate(moved.cert).subjectAltName).toContain('IP Address:198.51.100.4');
  });

  it('serves over TLS with the kept certificate', async () => {
    server = await startServer({
      ...defaultConfig(),
      https: true,
      tlsDir: dir,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
    });
    expect(server.url.startsWith('https://localhost:')).toBe(true);
    const material = await ensureCertificate(dir, []);
    const res = await getJson(`${server.url}/healthz`, material.cert);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', circles: 0 });
    expect(res.cert).toBe(new X509Certificate(material.cert).fingerprint256);
  });
});
