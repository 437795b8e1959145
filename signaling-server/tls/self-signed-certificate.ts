import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
}

interface Saved extends TlsMaterial {
  addresses: string[];
}

/**
 * Returns the certificate kept in `dir`, creating it on first use. It is made again only when
 * this machine has a LAN address the saved one does not name, so a headset that accepted it
 * once keeps accepting it.
 */
export async function ensureCertificate(dir: string, addresses: string[]): Promise<TlsMaterial> {
  const file = path.join(dir, 'certificate.json');
  const saved = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as Saved)
    .catch(() => undefined);
  if (saved && addresses.every((a) => saved.addresses.includes(a))) {
    return { key: saved.key, cert: saved.cert };
  }
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'Engawa (local)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
          ...addresses.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  const material: Saved = { key: pems.private, cert: pems.cert, addresses };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(material), { mode: 0o600 });
  return { key: material.key, cert: material.cert };
}
