/** Summary of a list of durations (ms): the median, the 95th percentile, max and mean. */
export interface Stats {
  p50: number;
  p95: number;
  max: number;
  mean: number;
  n: number;
}

/** p50/p95/max/mean of `samples` (nearest-rank percentiles). */
export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length);
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0, mean, n: sorted.length };
}
