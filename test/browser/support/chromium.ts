import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Debian's Chromium, or CHROME_PATH. Undefined when none is installed. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/**
 * Browser tests skip loudly without a browser, except under CI where a missing browser means
 * the machine was set up wrong and must fail.
 */
export function describeWithBrowser(name: string, body: (executablePath: string) => void): void {
  const executablePath = findChromium();
  if (executablePath) {
    describe(name, () => {
      body(executablePath);
    });
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium under CI', () => {
        throw new Error('No Chromium found (set CHROME_PATH or install the chromium package)');
      });
    });
    return;
  }
  console.warn(`\n*** SKIPPING browser tests "${name}": no Chromium found (set CHROME_PATH) ***\n`);
  describe.skip(name, () => {
    it('needs Chromium', () => undefined);
  });
}

export interface LaunchOptions {
  /** A WAV file Chromium plays as every page's microphone. */
  fakeAudioFile?: string;
  /** False leaves the microphone prompt unanswered, which headless Chromium treats as a refusal. */
  grantMicrophone?: boolean;
}

export async function launchChromium(
  executablePath: string,
  options: LaunchOptions = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--use-fake-device-for-media-stream',
      ...(options.grantMicrophone === false ? [] : ['--use-fake-ui-for-media-stream']),
      '--autoplay-policy=no-user-gesture-required',
      // Pages in one browser find each other by host address; mDNS names need a resolver the
      // test machine may not run.
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      ...(options.fakeAudioFile
        ? [`--use-file-for-fake-audio-capture=${options.fakeAudioFile}`]
        : []),
    ],
  });
}
