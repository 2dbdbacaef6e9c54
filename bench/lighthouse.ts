// n. Lighthouse (pinned to 12.2.3, a dev dependency) on the demo's deck page, signed in, with the
// machine's Chromium: performance, accessibility and best practices, median of 3 runs. The demo is
// started as `npm start` starts it; each run is Lighthouse's own navigation with its default
// settings (mobile emulation, simulated throttling, storage cleared before the run). Reported in
// the table, not asserted in tests.
import { chromium } from 'playwright-core';
import { USER_COOKIE } from '../test/e2e/support/browser.js';
import { freePort, removeDir, startDemo } from '../test/e2e/support/demo.js';

const FIND_CHROME = '../scripts/find-chrome.mjs';
const { CHROME_ARGS, findChrome } = (await import(FIND_CHROME)) as { CHROME_ARGS: string[]; findChrome: () => string | null };

/** The categories measured, by Lighthouse's id. */
export const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseResult {
  /** The page measured (path on the demo). */
  path: string;
  version: string;
  /** Each category's scores (0-100), one per run, and their median. */
  scores: Record<Category, { runs: number[]; median: number }>;
  /** The audits that cost points in the median run of each category (id: score 0-1). */
  failing: Record<Category, string[]>;
}

/** The part of a Lighthouse report read here. */
interface Report {
  lighthouseVersion: string;
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string; weight: number }> } | undefined>;
  audits: Record<string, { score: number | null } | undefined>;
}
/** Lighthouse's Node entry, as called here. */
type RunLighthouse = (url: string, flags: Record<string, unknown>) => Promise<{ lhr: Report } | undefined>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs Lighthouse `runs` times on the demo's deck page; resolves the scores. */
export async function measureLighthouse(runs = 3, path = '/decks/jp-basics'): Promise<LighthouseResult> {
  // Imported here: a checkout whose node_modules predates the pinned dev dependency still runs
  // the other benches, and this row says why it was not measured.
  // The specifier is a variable so that type checks do not need the package either.
  const name = 'lighthouse';
  const { default: lighthouse } = (await import(name).catch((error: unknown) => {
    throw new Error(`lighthouse is not installed (npm ci installs the pinned 12.2.3): ${String(error)}`);
  })) as { default: RunLighthouse };
  const executablePath = findChrome();
  if (!executablePath) throw new Error('No Chrome/Chromium found: install one or set CHROME_PATH.');
  const demo = await startDemo();
  const port = await freePort();
  const browser = await chromium.launch({ executablePath, args: [...CHROME_ARGS, `--remote-debugging-port=${port}`], headless: true });
  try {
    const reports: Report[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(`${demo.origin}${path}`, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        // The demo's sign-in is a name in a cookie (DEMO ONLY).
        extraHeaders: { Cookie: `${USER_COOKIE}=lighthouse-${i}` },
      });
      if (!result) throw new Error('Lighthouse returned no result');
      reports.push(result.lhr);
    }
    const scores = {} as LighthouseResult['scores'];
    const failing = {} as LighthouseResult['failing'];
    for (const id of CATEGORIES) {
      const values = reports.map((lhr) => Math.round((lhr.categories[id]?.score ?? 0) * 100));
      scores[id] = { runs: values, median: median(values) };
      const lhr = reports[values.indexOf(median(values))]!;
      failing[id] = (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${ref.id}: ${lhr.audits[ref.id]?.score}`);
    }
    return { path, version: reports[0]!.lighthouseVersion, scores, failing };
  } finally {
    await browser.close();
    await demo.stop();
    removeDir(demo.dataDir);
  }
}
