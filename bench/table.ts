// A plain-text table for the terminal (and for notes): one row per figure.

/** One printed figure beside its baseline. */
export interface Row {
  bench: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  met: string;
}

const COLUMNS: Array<[keyof Row, string]> = [
  ['bench', 'benchmark'],
  ['figure', 'figure'],
  ['baseline', 'baseline (same run)'],
  ['ratio', 'ratio'],
  ['target', 'target'],
  ['met', 'result'],
];

/** Formats rows as a Markdown-compatible table with padded columns. */
export function formatTable(rows: Row[]): string {
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...rows.map((row) => row[key].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(COLUMNS.map(([key]) => row[key]))),
  ].join('\n');
}
