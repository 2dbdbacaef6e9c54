// A plain-text table for the terminal (and for notes): one row per figure.

/** One printed figure beside its baseline. */
export interface Row {
  /** Stable identifier: the same figure keeps the same id across runs and changes. */
  id: string;
  bench: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  /** Whether the target is met; null on a row without a target. */
  met: boolean | null;
  /** Why a target is not met or what limited the figure, printed beside the result. */
  note?: string;
}

/** The printed result of a row: "met", "not met (note)" or empty without a target. */
export function result(row: Row): string {
  if (row.met === null) return row.note ?? '';
  const word = row.met ? 'met' : 'not met';
  return row.note ? `${word} (${row.note})` : word;
}

type Column = 'id' | 'bench' | 'figure' | 'baseline' | 'ratio' | 'target' | 'result';
const COLUMNS: Array<[Column, string]> = [
  ['id', 'id'],
  ['bench', 'benchmark'],
  ['figure', 'figure'],
  ['baseline', 'baseline (same run)'],
  ['ratio', 'ratio'],
  ['target', 'target'],
  ['result', 'result'],
];

const cell = (row: Row, key: Column): string => (key === 'result' ? result(row) : row[key]);

/** Formats rows as a Markdown-compatible table with padded columns. */
export function formatTable(rows: Row[]): string {
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...rows.map((row) => cell(row, key).length)));
  const line = (cells: string[]) => `| ${cells.map((text, i) => text.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(COLUMNS.map(([key]) => cell(row, key)))),
  ].join('\n');
}

/** The rows every run reports, measured or not: each has a target. */
export const REQUIRED_ROWS: Record<string, { bench: string; target: string }> = {
  'critical-path-bytes': { bench: 'bytes before the first card is interactive, gzip', target: '≤ 25 KB' },
  'indicator-only-bytes': { bench: 'bytes of a page with only <sync-indicator>, gzip', target: '≤ 15 KB' },
  'no-tag-bytes': { bench: 'bytes of a page with the script and no tag, gzip', target: '≤ 3 KB' },
  'grade-to-paint-p95': { bench: 'grade key to next card painted, p95, 4× CPU throttling', target: '≤ 1.5×' },
  'catch-up-100k': { bench: 'new device pulls and applies 100,000 answers over 5,000 cards', target: '≤ 3× IDB floor; heap ≤ 10 MB; no task > 200 ms' },
  'cold-start-offline': { bench: 'offline cold start to the first card, 4× CPU throttling', target: '≤ 1.2×' },
  'server-two-instances': { bench: 'answers stored per CPU-second, 2 server instances vs 1', target: '≥ 0.9×' },
};

/**
 * Appends a "not measured" row (met: false) for every required id the run did not produce, so
 * results.json always holds each of them; resolves the completed list.
 */
export function withRequiredRows(rows: Row[], reason = 'not measured in this run'): Row[] {
  const have = new Set(rows.map((row) => row.id));
  const missing = Object.entries(REQUIRED_ROWS).filter(([id]) => !have.has(id));
  return [...rows, ...missing.map(([id, { bench, target }]) => ({ id, bench, figure: reason, baseline: '', ratio: '', target, met: false }))];
}

/**
 * The shape problems of a table: duplicate or empty ids, a row with a target whose `met` is not
 * a boolean, a row without a target whose `met` is not null, a required id missing. Empty when sound.
 */
export function shapeProblems(rows: Row[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (typeof row.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(row.id)) problems.push(`bad id ${JSON.stringify(row.id)} (${row.bench})`);
    if (seen.has(row.id)) problems.push(`duplicate id ${row.id}`);
    seen.add(row.id);
    if (row.target && typeof row.met !== 'boolean') problems.push(`${row.id}: has a target but met is ${JSON.stringify(row.met)}`);
    if (!row.target && row.met !== null) problems.push(`${row.id}: has no target but met is ${JSON.stringify(row.met)}`);
  }
  for (const id of Object.keys(REQUIRED_ROWS)) if (!seen.has(id)) problems.push(`missing ${id}`);
  return problems;
}
