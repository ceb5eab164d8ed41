/** One sample of a Prometheus text exposition: metric name, labels, value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
// Prometheus reads values with Go's strconv.ParseFloat, where "NaN" and "Inf" are case-insensitive:
// prom-client writes an event-loop lag gauge with no samples yet as `Nan`.
const VALUE = "[+-]?(?:\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?|[iI][nN][fF]|[nN][aA][nN])";
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*,?)?\\})? (${VALUE})(?: -?\\d+)?$`);
const HELP = new RegExp(`^# HELP (${NAME}) .*$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SUFFIXES: Record<string, string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

/**
 * Parses Prometheus text format 0.0.4 strictly: every line a HELP, a TYPE or a sample of a declared
 * family, each family declared once, histogram buckets cumulative and ending at +Inf = _count.
 * Throws on the first line Prometheus would refuse.
 */
export function parsePrometheusText(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line === "") continue;
    const type = TYPE.exec(line);
    if (type) {
      if (types.has(type[1]!)) throw new Error(`line ${index + 1}: ${type[1]} declared twice`);
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (HELP.test(line)) continue;
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`line ${index + 1} is not Prometheus text format: ${line}`);
    const name = sample[1]!;
    const family = [...types].find(([family, kind]) =>
      (SUFFIXES[kind] ?? [""]).some((suffix) => name === family + suffix),
    );
    if (!family) throw new Error(`line ${index + 1}: ${name} has no TYPE`);
    const labels = Object.fromEntries(
      [...(sample[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1]!,
        m[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c)),
      ]),
    );
    samples.push({ name, labels, value: Number(sample[3]!.replace(/inf/i, "Infinity").replace(/nan/i, "NaN")) });
  }
  checkHistograms(types, samples);
  return samples;
}

function checkHistograms(types: Map<string, string>, samples: Sample[]): void {
  for (const [family, kind] of types) {
    if (kind !== "histogram") continue;
    const series = new Map<string, Sample[]>();
    for (const sample of samples.filter((s) => s.name === `${family}_bucket`)) {
      const { le: _le, ...rest } = sample.labels;
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), sample]);
    }
    for (const [key, buckets] of series) {
      const count = samples.find((s) => s.name === `${family}_count` && JSON.stringify(s.labels) === key);
      const values = buckets.map((b) => b.value);
      if (values.some((v, i) => i > 0 && v < values[i - 1]!))
        throw new Error(`${family}${key}: buckets not cumulative`);
      if (buckets.at(-1)?.labels.le !== "+Inf" || buckets.at(-1)?.value !== count?.value)
        throw new Error(`${family}${key}: the +Inf bucket is not the count`);
    }
  }
}

/** The sum of the samples named `name` whose labels include `labels` (0 when there are none yet). */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  return found.reduce((sum, s) => sum + s.value, 0);
}
