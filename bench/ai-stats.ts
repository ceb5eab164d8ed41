// Latency figures as the ai bench prints them.

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export const ms = (value: number): number => Number(value.toFixed(1));

/** n, p50, p95, p99 and max of a list of milliseconds, rounded to 0.1 ms. */
export function summarise(samples: readonly number[]): Record<string, number> {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    "p50 ms": ms(percentile(sorted, 50)),
    "p95 ms": ms(percentile(sorted, 95)),
    "p99 ms": ms(percentile(sorted, 99)),
    "max ms": ms(sorted.at(-1) ?? 0),
  };
}
