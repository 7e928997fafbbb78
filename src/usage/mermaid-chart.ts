// GitHub-rendered mermaid charts (xychart-beta, pie) whose labels can carry nothing but text.

/** A label inside double quotes: only letters, digits, spaces and plain punctuation pass; the rest becomes mermaid's `#code;` entity. */
export function mermaidLabel(text: string, maxLength = 60): string {
  const short = [...text].slice(0, maxLength).join('');
  return short.replace(/[^A-Za-z0-9 _.,:/()+-]/gu, (ch) => `#${ch.codePointAt(0) ?? 63};`);
}

/** A finite number as mermaid reads it. */
function value(n: number): string {
  return Number.isFinite(n) ? String(n) : '0';
}

export interface SeriesChart {
  title: string;
  yLabel: string;
  kind: 'line' | 'bar';
  points: { label: string; value: number }[];
}

/** An xychart-beta block, fenced; undefined when there is no point to draw. */
export function xyChart(chart: SeriesChart): string | undefined {
  if (chart.points.length === 0) return undefined;
  const labels = chart.points.map((p) => `"${mermaidLabel(p.label)}"`).join(', ');
  const values = chart.points.map((p) => value(p.value)).join(', ');
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidLabel(chart.title)}"`,
    `  x-axis [${labels}]`,
    `  y-axis "${mermaidLabel(chart.yLabel)}"`,
    `  ${chart.kind} [${values}]`,
    '```',
  ].join('\n');
}

/** A pie block, fenced; undefined when every slice is zero. */
export function pieChart(
  title: string,
  slices: { label: string; value: number }[],
): string | undefined {
  const drawn = slices.filter((s) => Number.isFinite(s.value) && s.value > 0);
  if (drawn.length === 0) return undefined;
  return [
    '```mermaid',
    `pie title ${mermaidLabel(title)}`,
    ...drawn.map((s) => `  "${mermaidLabel(s.label)}" : ${value(s.value)}`),
    '```',
  ].join('\n');
}
