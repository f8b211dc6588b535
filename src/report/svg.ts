import { htmlText } from './escape.js';

/** How a bar is coloured: the same meaning in every chart. */
export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'muted';

/** Fill colours inline on each shape, so a chart reads the same when copied out of the page. */
const FILL: Readonly<Record<Tone, string>> = {
  ok: '#2e7d32',
  info: '#1565c0',
  warn: '#ef6c00',
  bad: '#c62828',
  muted: '#757575',
};

/** One bar of a chart. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly tone: Tone;
  /** Tooltip text (defaults to `label: value`). */
  readonly title?: string;
}

/** What {@link barChart} draws. Width and height are in CSS pixels; the chart scales with its container. */
export interface BarChartSpec {
  /** Element id of the `<svg>` (the page's figures and the browser check find charts by it). */
  readonly id: string;
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly width?: number;
  readonly height?: number;
}

/** Gridlines drawn above the baseline. */
const TICKS = 4;

/** A whole 1-2-5 tick step, so every gridline is labelled with a readable whole number. */
function tickStep(max: number): number {
  const raw = max / TICKS;
  if (raw <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= raw) return step * magnitude;
  return 10 * magnitude;
}

/**
 * A vertical bar chart as inline SVG: no script, no external font or stylesheet, every label
 * escaped. Bars carry `class="bar"` and `data-label`/`data-value` so a test can read the chart.
 */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 520;
  const height = spec.height ?? 260;
  const margin = { top: 24, right: 12, bottom: 52, left: 48 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const step = tickStep(Math.max(0, ...spec.bars.map((bar) => bar.value)));
  const max = step * TICKS;
  const slot = plotWidth / Math.max(1, spec.bars.length);
  const barWidth = Math.max(4, Math.min(56, slot * 0.7));
  const y = (value: number): number => margin.top + plotHeight - (value / max) * plotHeight;
  const titleId = `${spec.id}-title`;
  const parts: string[] = [
    `<svg id="${htmlText(spec.id)}" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${htmlText(titleId)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title id="${htmlText(titleId)}">${htmlText(spec.title)}</title>`,
  ];
  // Gridlines at every tick, labelled on the left.
  for (let i = 0; i <= TICKS; i++) {
    const value = step * i;
    const gy = y(value).toFixed(1);
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${gy}" y2="${gy}" stroke="#e0e0e0"/>`);
    parts.push(
      `<text x="${margin.left - 6}" y="${gy}" text-anchor="end" dominant-baseline="middle" fill="#555">${value}</text>`,
    );
  }
  spec.bars.forEach((bar, index) => {
    const cx = margin.left + slot * index + slot / 2;
    const top = y(bar.value);
    const tip = bar.title ?? `${bar.label}: ${bar.value}`;
    parts.push(
      `<rect class="bar" data-label="${htmlText(bar.label)}" data-value="${bar.value}" x="${(cx - barWidth / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(margin.top + plotHeight - top).toFixed(1)}" fill="${FILL[bar.tone]}"><title>${htmlText(tip)}</title></rect>`,
    );
    if (bar.value > 0)
      parts.push(
        `<text x="${cx.toFixed(1)}" y="${(top - 4).toFixed(1)}" text-anchor="middle" fill="#222">${bar.value}</text>`,
      );
    parts.push(
      `<text x="${cx.toFixed(1)}" y="${margin.top + plotHeight + 14}" text-anchor="middle" fill="#222">${htmlText(bar.label)}</text>`,
    );
  });
  parts.push(
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}" stroke="#424242"/>`,
  );
  parts.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 10}" text-anchor="middle" fill="#333">${htmlText(spec.xLabel)}</text>`,
  );
  parts.push(
    `<text x="12" y="${margin.top + plotHeight / 2}" text-anchor="middle" fill="#333" transform="rotate(-90 12 ${margin.top + plotHeight / 2})">${htmlText(spec.yLabel)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
