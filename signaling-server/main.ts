import QRCode from 'qrcode';
import { loadConfig } from './config';
import { startServer } from './server';
import { lanAddresses } from './tls/lan-addresses';

/** `npm start`: serve Engawa, and with --https print the LAN addresses for a headset. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const server = await startServer(config);
  const scheme = config.https ? 'https' : 'http';
  const lines = [`Engawa is running at ${scheme}://localhost:${server.port}`];
  const onAllInterfaces = config.host === '0.0.0.0' || config.host === '::';
  const lanUrls = onAllInterfaces
    ? lanAddresses().map((ip) => `${scheme}://${ip}:${server.port}`)
    : [];
  for (const url of lanUrls) lines.push(`  on your network: ${url}`);
  lines.push(
    server.state.kind === 'redis'
      ? '  circles are kept in Redis (REDIS_URL), shared with every node on it'
      : '  circles are kept in this process (one node; set REDIS_URL for several)',
  );
  lines.push(
    config.facilitatorAccess === 'open'
      ? '  anyone who opens the page may start a circle (FACILITATOR_ACCESS=open)'
      : '  only facilitators with a key may start a circle; issue one with: npm run facilitators -- add "Label"',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  const first = lanUrls[0];
  if (config.https && first !== undefined) {
    const qr = await QRCode.toString(first, { type: 'terminal', small: true });
    process.stdout.write(
      `\nOpen this on the headset (accept the self-signed certificate):\n${qr}\n`,
    );
  }

  const shutdown = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('Engawa could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
