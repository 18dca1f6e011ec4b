// A tiny inline-SVG line for table cells. Plain SVG rather than recharts: a table row per pool
// would mount dozens of responsive charts for a 120×24 picture with no axes or tooltip.
export function Sparkline({
  values,
  max = 100,
  guide,
  label,
}: {
  values: Array<number | null>;
  max?: number;
  guide?: number;
  label: string;
}) {
  const width = 120;
  const height = 24;
  if (values.length < 2) return <span className="muted small">—</span>;
  const x = (i: number) => (i / (values.length - 1)) * width;
  const y = (v: number) => height - 1 - (Math.min(v, max) / max) * (height - 2);
  // Gaps (buckets without data) break the line instead of being drawn as zero.
  const segments: string[] = [];
  let current = "";
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? " L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg width={width} height={height} role="img" aria-label={label} style={{ verticalAlign: "middle" }}>
      <title>{label}</title>
      {guide !== undefined && (
        <line
          x1={0}
          x2={width}
          y1={y(guide)}
          y2={y(guide)}
          stroke="var(--warn)"
          strokeOpacity={0.4}
          strokeDasharray="2 2"
        />
      )}
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="var(--accent)" strokeWidth={1.2} />
      ))}
    </svg>
  );
}
