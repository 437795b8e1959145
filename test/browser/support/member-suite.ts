import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ServerConfig } from '../../../signaling-server/config';
import type { RunningServer, StartOptions } from '../../../signaling-server/server';
import { MemberBrowsers } from './app-pages';
import { artifactsDir, startAppServer } from './app-server';
import { makeToneFile, type ToneFile } from './tone-file';

export interface MemberSuite {
  readonly server: RunningServer;
  readonly members: MemberBrowsers;
  /** Saves what the page shows to test-artifacts/NAME.png. */
  shot(page: Page, name: string): Promise<void>;
}

/**
 * The set-up every browser suite shares: the real server on a free port and one Chromium per
 * member, all closed afterwards. With `closeAfterEach`, each test's members leave with it, so
 * a finished test's 3D pages do not slow the next. With `tone`, every member's fake microphone
 * plays a steady tone from a file of the suite's own, so each voice's level is measurable.
 * Call inside a `describe`.
 */
export function useMemberSuite(
  executablePath: string,
  options: {
    server?: Partial<ServerConfig>;
    /** The server's clock and the like, as a test injects them. */
    serverOptions?: StartOptions;
    closeAfterEach?: boolean;
    tone?: boolean;
  } = {},
): MemberSuite {
  let server: RunningServer | undefined;
  let members: MemberBrowsers | undefined;
  let tone: ToneFile | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite has not started: use it inside a test');
    return value;
  };
  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    if (options.tone) tone = makeToneFile();
    server = await startAppServer(options.server, options.serverOptions);
    members = new MemberBrowsers(executablePath, server.url, tone?.path);
  });
  if (options.closeAfterEach) {
    afterEach(async () => {
      await members?.closeAll();
    });
  }
  afterAll(async () => {
    await members?.closeAll();
    await server?.close();
    tone?.remove();
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
