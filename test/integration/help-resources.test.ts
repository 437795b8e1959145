import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../signaling-server/config';
import { loadHelpResources } from '../../signaling-server/help/help-resources-file';
import { startHarness, useServers } from '../support/server-harness';

const start = useServers();

describe('GET /help-resources', () => {
  test('serves the configured file as JSON, never cached', async () => {
    const h = await start();
    // Not kept alive: a connection idle in fetch's pool would outlive the test file.
    const response = await fetch(`${h.baseUrl}/help-resources`, {
      headers: { connection: 'close' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(loadHelpResources(defaultConfig().helpResourcesPath));
  });

  test('a broken file stops the server from starting, saying why', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'engawa-help-'));
    try {
      const broken = path.join(dir, 'help.json');
      writeFileSync(broken, JSON.stringify({ en: [] }));
      await expect(startHarness({ helpResourcesPath: broken })).rejects.toThrow(
        /^HELP_RESOURCES: .*help\.json is not a valid help resources file: ja: /,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
