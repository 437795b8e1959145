import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { PageWatch } from './page-watch';
import { preferSimpleView } from './view-preference';
import { installEmulatedQuest } from './xr-emulator';

export interface MemberOptions {
  /** The simple view (no 3D), as someone who chose it before. The 3D view is the default. */
  view?: '3d' | 'simple';
  /** An emulated Quest 3 (IWER). */
  headset?: boolean;
  /** What the microphone prompt gets: the suite's tone (default), or a refusal. */
  microphone?: 'tone' | 'refused';
  locale?: string;
  /** The member's own clock, e.g. `Asia/Tokyo`; the machine's by default. */
  timezoneId?: string;
  viewport?: { width: number; height: number };
  /** A phone: a touch screen, and a mobile browser's viewport. */
  touch?: boolean;
  /** Path and query to open; `/?diagnostics=1` by default. */
  path?: string;
  /** Playwright's default action timeout for the page. */
  timeoutMs?: number;
  /** Shapes the member's network (routes) before the app is first opened. */
  network?: (context: BrowserContext) => Promise<void>;
}

const DESKTOP_VIEWPORT = { width: 1000, height: 700 };
/**
 * The emulated headset draws each XR frame at its window's full size (hardware scaling does not
 * apply in XR). On SwiftShader that cost grows with the pixels: at 1000×700, beside two 3D
 * pages, it got about one frame a second; at this size, several.
 */
const HEADSET_VIEWPORT = { width: 500, height: 350 };

interface Member {
  browser: Browser;
  page: Page;
  watch: PageWatch;
  launchMs: number;
}

/**
 * Every member of a browser test on a machine of their own: one Chromium process per member,
 * so no two members share a GPU process. In software GL, 3D pages that share one starve each
 * other (a scene start then blocks a page long enough to lose its socket), which no real
 * member's computer does.
 */
export class MemberBrowsers {
  private readonly members: Member[] = [];

  constructor(
    private readonly executablePath: string,
    private readonly serverUrl: string,
    /** A WAV file every member's fake microphone plays. */
    private readonly toneFile?: string,
  ) {}

  /** Launches a Chromium for one member and opens the app in it. */
  async open(options: MemberOptions = {}): Promise<Page> {
    const started = Date.now();
    const refused = options.microphone === 'refused';
    const browser = await launchChromium(this.executablePath, {
      grantMicrophone: !refused,
      ...(this.toneFile && !refused ? { fakeAudioFile: this.toneFile } : {}),
    });
    const launchMs = Date.now() - started;
    const context = await browser.newContext({
      locale: options.locale ?? 'en-US',
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      viewport: options.viewport ?? (options.headset ? HEADSET_VIEWPORT : DESKTOP_VIEWPORT),
      ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
    });
    if (options.view === 'simple') await preferSimpleView(context);
    if (options.headset) await installEmulatedQuest(context);
    await options.network?.(context);
    const page = await context.newPage();
    if (options.timeoutMs !== undefined) page.setDefaultTimeout(options.timeoutMs);
    const watch = new PageWatch(page, new URL(this.serverUrl).origin);
    this.members.push({ browser, page, watch, launchMs });
    await page.goto(`${this.serverUrl}${options.path ?? '/?diagnostics=1'}`);
    return page;
  }

  /** What the page's watch saw: console errors and requests to other origins. */
  watchOf(page: Page): PageWatch {
    const member = this.members.find((m) => m.page === page);
    if (!member) throw new Error('not a page of this suite');
    return member.watch;
  }

  /** Console errors and foreign requests of every member, for one `toEqual` check. */
  problems(): { consoleErrors: string[]; foreignRequests: string[] } {
    return {
      consoleErrors: this.members.flatMap((m) => m.watch.consoleErrors),
      foreignRequests: this.members.flatMap((m) => m.watch.foreignRequests),
    };
  }

  /** How long each member's Chromium took to launch, in ms. */
  launchTimes(): number[] {
    return this.members.map((m) => m.launchMs);
  }

  async closeAll(): Promise<void> {
    const members = this.members.splice(0);
    await Promise.all(members.map((m) => m.browser.close()));
  }
}

/** The member id the people list shows for `name`. */
export async function memberIdOf(page: Page, name: string): Promise<string> {
  // The name exactly: a row's other words ("speaking", say) may contain a short name.
  const named = page.locator('.person-name').getByText(name, { exact: true });
  const id = await page
    .locator('#people-list li', { has: named })
    .first()
    .getAttribute('data-member-id');
  if (!id) throw new Error(`no member id for ${name}`);
  return id;
}
