import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ServerConfig } from '../../../signaling-server/config';
import type { RunningServer, StartOptions } from '../../../signaling-server/server';
import { MemberBrowsers } from './app-pages';
import { artifactsDir, startAppServer } from './app-server';

export interface MemberSuite {
  readonly server: RunningServer;
  readonly members: MemberBrowsers;
  /** Saves what the page shows to test-artifacts/NAME.png. */
  shot(page: Page, name: string): Promise<void>;
}

/**
 * The set-up every browser suite shares: the real server on a free port and one Chromium per
 * member, all closed afterwards. With `closeAfterEach`, each test's members leave with it, so
 * a finished test's 3D pages do not slow the next. Call inside a `describe`.
 */
export function useMemberSuite(
  executablePath: string,
  options: {
    server?: Partial<ServerConfig>;
    /** The server's clock and the like, as a test injects them. */
    serverOptions?: StartOptions;
    closeAfterEach?: boolean;
    toneFile?: string;
  } = {},
): MemberSuite {
  let server: RunningServer | undefined;
  let members: MemberBrowsers | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite has not started: use it inside a test');
    return value;
  };
  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    server = await startAppServer(options.server, options.serverOptions);
    members = new MemberBrowsers(executablePath, server.url, options.toneFile);
  });
  if (options.closeAfterEach) {
    afterEach(async () => {
      await members?.closeAll();
    });
  }
  afterAll(async () => {
    await members?.closeAll();
    await server?.close();
  });
  return {
    get server() {
      return ready(server);
    },
    get members() {
      return ready(members);
    },
    async shot(page, name) {
      await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
    },
  };
}
