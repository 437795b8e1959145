import { chromium, type Browser } from 'playwright-core';
import { describeWithTool, findTool, type ExternalTool } from '../../support/external-tool';

const CHROMIUM: ExternalTool = {
  label: 'Chromium',
  envVar: 'CHROME_PATH',
  candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  installHint: 'install the chromium package',
};

/** Debian's Chromium, or CHROME_PATH. Undefined when none is installed. */
export function findChromium(): string | undefined {
  return findTool(CHROMIUM);
}

export function describeWithBrowser(name: string, body: (executablePath: string) => void): void {
  describeWithTool(CHROMIUM, name, body);
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
