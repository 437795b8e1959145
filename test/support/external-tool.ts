import { existsSync } from 'node:fs';

export interface ExternalTool {
  /** What to call it in messages, e.g. "Chromium". */
  label: string;
  /** Environment variable that points at the executable. */
  envVar: string;
  /** Where Debian and friends install it. */
  candidates: readonly string[];
  /** How to get it, for the skip and failure messages. */
  installHint: string;
}

export function findTool(tool: ExternalTool): string | undefined {
  const fromEnv = process.env[tool.envVar];
  if (fromEnv) return fromEnv;
  return tool.candidates.find((candidate) => existsSync(candidate));
}

/**
 * Tests that need a real program (a browser, a TURN server) skip loudly when it is missing,
 * except under CI, where a missing program means the machine was set up wrong and must fail.
 */
export function describeWithTool(
  tool: ExternalTool,
  name: string,
  body: (executablePath: string) => void,
): void {
  const executablePath = findTool(tool);
  if (executablePath) {
    describe(name, () => {
      body(executablePath);
    });
    return;
  }
  const missing = `No ${tool.label} found (set ${tool.envVar} or ${tool.installHint})`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${tool.label} under CI`, () => {
        throw new Error(missing);
      });
    });
    return;
  }
  console.warn(`\n*** SKIPPING "${name}": ${missing} ***\n`);
  describe.skip(name, () => {
    it(`needs ${tool.label}`, () => undefined);
  });
}
