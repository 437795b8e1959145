import { readFileSync } from 'node:fs';
import type { AxeResults, ElementContext, ImpactValue, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/** What a browser test asserts on: `expect(await auditAccessibility(page)).toEqual([])`. */
export interface AxeFinding {
  /** axe's rule id, such as 'color-contrast'. */
  id: string;
  impact: 'serious' | 'critical';
  /** axe's one-line statement of what the rule asks for. */
  help: string;
  /** A CSS selector for each failing element; frame and shadow-root boundaries show as ' >> '. */
  targets: string[];
  /** axe's account of what is wrong with the first failing element, cut to 200 characters. */
  summary: string;
}

export interface AuditOptions {
  /** Audit only this part of the page (a CSS selector). The whole document by default. */
  include?: string;
  /** Parts of the page to leave out (CSS selectors). Nothing is left out by default. */
  exclude?: string[];
}

/** The part of axe-core's page global this helper calls. */
interface AxeInPage {
  run(context: ElementContext, options: RunOptions): Promise<AxeResults>;
}

type AxeWindow = Window & { axe?: AxeInPage };

/** A violation as it crosses from the page: no check details, no markup. */
interface PageViolation {
  id: string;
  impact: ImpactValue | undefined;
  help: string;
  nodes: { target: (string | string[])[]; failureSummary: string | undefined }[];
}

/** WCAG 2.0 and 2.1, levels A and AA: axe's tags for them. */
const WCAG21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const SUMMARY_LENGTH = 200;

let axeSource: string | undefined;

/**
 * Runs axe-core's WCAG 2.1 AA rules on the page as it is now and returns the serious and
 * critical violations. Nothing is excluded unless asked: axe has no rule that fails a WebGL
 * canvas, so the 3D view needs no exemption.
 */
export async function auditAccessibility(
  page: Page,
  options: AuditOptions = {},
): Promise<AxeFinding[]> {
  await injectAxe(page);
  const violations = await page.evaluate(
    async ({ include, exclude, tags }): Promise<PageViolation[]> => {
      const axe = (window as AxeWindow).axe;
      if (!axe) throw new Error('axe-core is not in the page (did it navigate?)');
      const within: ElementContext =
        exclude.length > 0 ? { include: include ?? document, exclude } : (include ?? document);
      const results = await axe.run(within, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    },
    { include: options.include, exclude: options.exclude ?? [], tags: WCAG21_AA_TAGS },
  );
  return violations.flatMap(toFinding);
}

/**
 * Puts axe-core into the page's main world, once per document. The app's Content-Security-Policy
 * (script-src 'self') blocks an injected <script> tag; an evaluation over the DevTools protocol
 * is not subject to it.
 */
async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => (window as AxeWindow).axe !== undefined);
  if (present) return;
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Playwright sends back the value of a string's last expression; `undefined` makes sure a
  // later build of axe that ends in an object does not get serialised.
  await page.evaluate(`${axeSource}\n;undefined`);
}

function toFinding(violation: PageViolation): AxeFinding[] {
  const impact = violation.impact;
  if (impact !== 'serious' && impact !== 'critical') return [];
  const summary = oneLine(violation.nodes[0]?.failureSummary ?? '');
  return [
    {
      id: violation.id,
      impact,
      help: violation.help,
      targets: violation.nodes.map((n) =>
        n.target.map((part) => (Array.isArray(part) ? part.join(' >> ') : part)).join(' >> '),
      ),
      summary:
        summary.length > SUMMARY_LENGTH ? `${summary.slice(0, SUMMARY_LENGTH - 1)}…` : summary,
    },
  ];
}

/**
 * axe's failure summary is a heading ("Fix any of the following:") over one indented line per
 * failed check; on one line the checks are kept apart with semicolons.
 */
function oneLine(failureSummary: string): string {
  const lines = failureSummary
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.reduce(
    (text, line, i) => (i === 0 ? line : `${text}${text.endsWith(':') ? ' ' : '; '}${line}`),
    '',
  );
}
