import { chromium, type Browser } from 'playwright-core';
import baseFlags from '../../support/chromium-flags.json';
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
    // One flag list for tests and benchmarks (test/support/chromium-flags.json): headless on
    // SwiftShader, no background traffic, fake media, and host addresses instead of mDNS names
    // so pages find each other without a resolver. WebGL still draws through SwiftShader, but
    // the page is composited in software: through SwiftShader, compositing cost each page about
    // as much CPU again as its 3D view, and an emulated headset's frames starved.
    args: [
      ...baseFlags,
      ...(options.grantMicrophone === false ? [] : ['--use-fake-ui-for-media-stream']),
      ...(options.fakeAudioFile
        ? [`--use-file-for-fake-audio-capture=${options.fakeAudioFile}`]
        : []),
    ],
  });
}
