/**
 * Bar charts drawn at build time as SVG strings. Colours come from CSS
 * (`.chart-bar` uses the theme's accent, text uses currentColor), so one SVG
 * reads well in the light and the dark theme. Each chart ships with its data so
 * the page can render a text equivalent.
 */

export interface Bar {
  label: string;
  value: number;
}

export interface ChartOptions {
  /** Accessible name of the chart. */
  title: string;
  /** Width of the drawing in SVG units; it scales to the column. */
  width?: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

const ROW = 24;
const LABEL_WIDTH = 160;
const VALUE_WIDTH = 40;

/** Horizontal bars, one row per label: for rankings (tags, authors). */
export function horizontalBarChart(bars: readonly Bar[], options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = Math.max(1, bars.length) * ROW;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const span = width - LABEL_WIDTH - VALUE_WIDTH;
  const rows = bars.map((bar, index) => {
    const y = index * ROW;
    const length = (bar.value / max) * span;
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${y + 16}" text-anchor="end">${escapeXml(truncate(bar.label, 22))}</text>`,
      `<rect class="chart-bar" x="${LABEL_WIDTH}" y="${y + 4}" width="${round(length)}" height="${ROW - 8}"></rect>`,
      `<text x="${round(LABEL_WIDTH + length + 6)}" y="${y + 16}">${bar.value}</text>`,
    ].join('');
  });
  return svg(width, height, options.title, rows.join(''));
}

const PLOT_HEIGHT = 160;
const AXIS_HEIGHT = 40;

/** Vertical columns in order: for time series (items per month). */
export function columnChart(bars: readonly Bar[], options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = PLOT_HEIGHT + AXIS_HEIGHT;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = width / Math.max(1, bars.length);
  const columnWidth = Math.max(1, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(bars.length / 12));
  const columns = bars.map((bar, index) => {
    const x = index * slot + (slot - columnWidth) / 2;
    const length = (bar.value / max) * (PLOT_HEIGHT - 20);
    const parts = [
      `<rect class="chart-bar" x="${round(x)}" y="${round(PLOT_HEIGHT - length)}" width="${round(columnWidth)}" height="${round(length)}"></rect>`,
      `<text x="${round(x + columnWidth / 2)}" y="${round(PLOT_HEIGHT - length - 4)}" text-anchor="middle">${bar.value}</text>`,
    ];
    if (index % labelEvery === 0) {
      parts.push(
        `<text x="${round(x + columnWidth / 2)}" y="${PLOT_HEIGHT + 18}" text-anchor="middle">${escapeXml(bar.label)}</text>`,
      );
    }
    return parts.join('');
  });
  const axis = `<line class="chart-axis" x1="0" y1="${PLOT_HEIGHT}" x2="${width}" y2="${PLOT_HEIGHT}"></line>`;
  return svg(width, height, options.title, axis + columns.join(''));
}

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 24;

/**
 * A small column chart for a table cell: one column per bar, no labels, the
 * tallest column the full height. Its accessible name is `title`; a table row
 * beside it gives the numbers.
 */
export function sparkline(bars: readonly Bar[], title: string): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = SPARK_WIDTH / Math.max(1, bars.length);
  const columnWidth = Math.max(1, slot * 0.75);
  const columns = bars.flatMap((bar, index) => {
    if (bar.value === 0) return [];
    const length = Math.max(1, (bar.value / max) * SPARK_HEIGHT);
    return [
      `<rect class="chart-bar" x="${round(index * slot)}" y="${round(SPARK_HEIGHT - length)}" width="${round(columnWidth)}" height="${round(length)}"></rect>`,
    ];
  });
  const baseline = `<line class="chart-axis" x1="0" y1="${SPARK_HEIGHT}" x2="${SPARK_WIDTH}" y2="${SPARK_HEIGHT}"></line>`;
  return (
    `<svg class="sparkline" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" width="${SPARK_WIDTH}" height="${SPARK_HEIGHT}" role="img" aria-label="${escapeXml(title)}">` +
    `<title>${escapeXml(title)}</title>${baseline}${columns.join('')}</svg>`
  );
}

/** The last `count` months up to and including `last` ("2026/05"), with zero where `counts` has none. */
export function lastMonths(counts: ReadonlyMap<string, number>, last: string, count: number): Bar[] {
  let [year, month] = last.split('/').map(Number) as [number, number];
  const bars: Bar[] = [];
  for (let i = 0; i < count; i++) {
    const key = `${year}/${String(month).padStart(2, '0')}`;
    bars.push({ label: key, value: counts.get(key) ?? 0 });
    month -= 1;
    if (month < 1) {
      month = 12;
      year -= 1;
    }
  }
  return bars.reverse();
}

function truncate(text: string, length: number): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length - 1).join('')}…`;
}

function svg(width: number, height: number, title: string, body: string): string {
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}" fill="currentColor" font-size="13">` +
    `<title>${escapeXml(title)}</title>${body}</svg>`
  );
}

/** Every month from the first to the last key ("2026/01"), with zero where nothing was published. */
export function fillMonths(counts: ReadonlyMap<string, number>): Bar[] {
  const keys = [...counts.keys()].sort();
  const first = keys[0];
  const last = keys[keys.length - 1];
  if (first === undefined || last === undefined) return [];
  const bars: Bar[] = [];
  let [year, month] = first.split('/').map(Number) as [number, number];
  const [endYear, endMonth] = last.split('/').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    const key = `${year}/${String(month).padStart(2, '0')}`;
    bars.push({ label: key, value: counts.get(key) ?? 0 });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return bars;
}
