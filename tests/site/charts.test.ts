import { describe, expect, it } from 'vitest';
import { columnChart, fillMonths, horizontalBarChart, lastMonths, sparkline } from '#src/site/charts.ts';

describe('fillMonths', () => {
  it('fills the gap months with zero, across a year boundary', () => {
    const counts = new Map([
      ['2026/02', 3],
      ['2025/11', 1],
    ]);
    expect(fillMonths(counts)).toEqual([
      { label: '2025/11', value: 1 },
      { label: '2025/12', value: 0 },
      { label: '2026/01', value: 0 },
      { label: '2026/02', value: 3 },
    ]);
    expect(fillMonths(new Map())).toEqual([]);
  });
});

describe('horizontalBarChart', () => {
  it('draws one bar per label, scaled to the largest, with escaped text', () => {
    const svg = horizontalBarChart(
      [
        { label: 'C++ & <C#>', value: 4 },
        { label: 'SQL', value: 2 },
      ],
      { title: 'Top tags', width: 400 },
    );
    expect(svg).toBe(
      '<svg class="chart" viewBox="0 0 400 48" width="400" height="48" role="img" aria-label="Top tags" fill="currentColor" font-size="13">' +
        '<title>Top tags</title>' +
        '<text x="152" y="16" text-anchor="end">C++ &amp; &lt;C#&gt;</text>' +
        '<rect class="chart-bar" x="160" y="4" width="200" height="16"></rect><text x="366" y="16">4</text>' +
        '<text x="152" y="40" text-anchor="end">SQL</text>' +
        '<rect class="chart-bar" x="160" y="28" width="100" height="16"></rect><text x="266" y="40">2</text>' +
        '</svg>',
    );
  });
});

describe('columnChart', () => {
  it('draws one column per month and an axis, same bytes for the same input', () => {
    const bars = [
      { label: '2026/01', value: 1 },
      { label: '2026/02', value: 0 },
      { label: '2026/03', value: 2 },
    ];
    const svg = columnChart(bars, { title: 'Items per month', width: 300 });
    expect(svg.match(/<rect class="chart-bar"/g)).toHaveLength(3);
    expect(svg).toContain('<line class="chart-axis" x1="0" y1="160" x2="300" y2="160"></line>');
    expect(svg).toContain('<rect class="chart-bar" x="215" y="20" width="70" height="140"></rect>');
    expect(svg).toContain('<rect class="chart-bar" x="115" y="160" width="70" height="0"></rect>');
    expect(svg).toContain('<text x="50" y="178" text-anchor="middle">2026/01</text>');
    expect(columnChart(bars, { title: 'Items per month', width: 300 })).toBe(svg);
  });
});

describe('lastMonths', () => {
  it('counts back from the newest month across a year, with zeros', () => {
    const counts = new Map([
      ['2025/11', 2],
      ['2026/01', 5],
      ['2024/01', 9],
    ]);
    expect(lastMonths(counts, '2026/02', 4)).toEqual([
      { label: '2025/11', value: 2 },
      { label: '2025/12', value: 0 },
      { label: '2026/01', value: 5 },
      { label: '2026/02', value: 0 },
    ]);
  });
});

describe('sparkline', () => {
  it('draws a column for each month with items, the busiest full height, named for screen readers', () => {
    const svg = sparkline(
      [
        { label: '2026/01', value: 4 },
        { label: '2026/02', value: 0 },
        { label: '2026/03', value: 2 },
        { label: '2026/04', value: 1 },
      ],
      'Items from <Feed> & co',
    );
    expect(svg).toBe(
      '<svg class="sparkline" viewBox="0 0 120 24" width="120" height="24" role="img" aria-label="Items from &lt;Feed&gt; &amp; co">' +
        '<title>Items from &lt;Feed&gt; &amp; co</title>' +
        '<line class="chart-axis" x1="0" y1="24" x2="120" y2="24"></line>' +
        '<rect class="chart-bar" x="0" y="0" width="22.5" height="24"></rect>' +
        '<rect class="chart-bar" x="60" y="12" width="22.5" height="12"></rect>' +
        '<rect class="chart-bar" x="90" y="18" width="22.5" height="6"></rect></svg>',
    );
  });
});
