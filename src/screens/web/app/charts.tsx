// Bar charts drawn as SVG: the dashboard's few charts need no charting library.
export interface Bar {
  label: string;
  value: number | null;
  /** What is written at the end of the bar. */
  text: string;
  warn?: boolean;
}

/** Vertical bars (one per month, per channel): values from 0 to `max`. */
export function Columns({ bars, max, title, testId }: { bars: Bar[]; max: number; title: string; testId: string }) {
  const width = 480;
  const height = 260;
  const bottom = 40;
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.min(56, slot * 0.6);
  return (
    <figure class="chart card" data-testid={testId}>
      <h3>{title}</h3>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {bars.map((bar, index) => {
          const h = max > 0 && bar.value !== null ? ((height - bottom - 24) * bar.value) / max : 0;
          const x = index * slot + (slot - barWidth) / 2;
          const y = height - bottom - h;
          return (
            <g key={bar.label}>
              <rect class={`bar ${bar.warn ? 'warn' : ''}`} x={x} y={y} width={barWidth} height={h}>
                <title>{`${bar.label}: ${bar.text}`}</title>
              </rect>
              <text x={x + barWidth / 2} y={y - 6} text-anchor="middle">
                {bar.text}
              </text>
              <text x={x + barWidth / 2} y={height - bottom + 18} text-anchor="middle">
                {bar.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Horizontal bars (one per agency). */
export function Rows({ bars, title, testId }: { bars: Bar[]; title: string; testId: string }) {
  const width = 480;
  const row = 30;
  const labelWidth = 190;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const height = Math.max(row, bars.length * row) + 8;
  return (
    <figure class="chart card" data-testid={testId}>
      <h3>{title}</h3>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {bars.map((bar, index) => {
          const w = ((width - labelWidth - 60) * (bar.value ?? 0)) / max;
          const y = index * row + 4;
          return (
            <g key={bar.label}>
              <text x={labelWidth - 8} y={y + 17} text-anchor="end">
                {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
              </text>
              <rect class={`bar ${bar.warn ? 'warn' : ''}`} x={labelWidth} y={y + 4} width={w} height={row - 10}>
                <title>{`${bar.label}: ${bar.text}`}</title>
              </rect>
              <text x={labelWidth + w + 6} y={y + 17}>
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
