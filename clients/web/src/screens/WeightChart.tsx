/** A small line chart of weights over time, in SVG, with the numbers in a table for screen readers. */
export function WeightChart({ points }: { points: { weightKg: number; measuredAt: string }[] }) {
  const sorted = [...points].sort((a, b) => Date.parse(a.measuredAt) - Date.parse(b.measuredAt));
  if (sorted.length === 0) return <p>No weights recorded yet.</p>;
  const width = 480;
  const height = 200;
  const pad = 36;
  const times = sorted.map((p) => Date.parse(p.measuredAt));
  const weights = sorted.map((p) => p.weightKg);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [w0, w1] = [Math.min(...weights), Math.max(...weights)];
  const x = (t: number) => pad + (t1 === t0 ? (width - 2 * pad) / 2 : ((t - t0) / (t1 - t0)) * (width - 2 * pad));
  const y = (w: number) =>
    height - pad - (w1 === w0 ? (height - 2 * pad) / 2 : ((w - w0) / (w1 - w0)) * (height - 2 * pad));
  const line = sorted.map((p, i) => `${i ? "L" : "M"}${x(times[i]!)},${y(p.weightKg)}`).join(" ");
  const date = (iso: string) => new Date(iso).toLocaleDateString();

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="weight-caption">
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} className="axis" />
        <line x1={pad} y1={pad} x2={pad} y2={height - pad} className="axis" />
        <text x={pad - 6} y={y(w1) + 4} textAnchor="end">
          {w1}
        </text>
        {w0 !== w1 && (
          <text x={pad - 6} y={y(w0) + 4} textAnchor="end">
            {w0}
          </text>
        )}
        <path d={line} className="line" />
        {sorted.map((p, i) => (
          <circle key={`${p.measuredAt}-${i}`} cx={x(times[i]!)} cy={y(p.weightKg)} r={4} className="point" />
        ))}
      </svg>
      <figcaption id="weight-caption">
        Weight in kg, {date(sorted[0]!.measuredAt)} to {date(sorted[sorted.length - 1]!.measuredAt)}
      </figcaption>
      <table className="visually-hidden">
        <caption>Weights</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Weight (kg)</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((p, i) => (
            <tr key={`${p.measuredAt}-${i}`}>
              <td>{date(p.measuredAt)}</td>
              <td>{p.weightKg}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
