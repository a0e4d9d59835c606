// Charts for the reports dashboard: Apache ECharts, only the parts used (decision 0011), so this
// module and ECharts load with the dashboard's chunk and never with the agent console.
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from '../dom';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent,
  VisualMapComponent, CanvasRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

/** How a chart is written: direction, font and the user's digits. */
export interface ChartStyle {
  rtl: boolean;
  font: string;
  num: (n: number) => string;
}

const ACCENT = '#0b5c4a';
const SECOND = '#b35900';
const INK = '#1a1a1a';
const LINE = '#c4c9d0';

const live = new Set<ChartBox>();

/**
 * A chart's box. ECharts needs a laid-out element, and the view is built before it is attached,
 * so the option waits until the box has a size; a ResizeObserver then keeps the chart fitted,
 * frees the chart when the box leaves the page and draws it again if it comes back.
 * The box is role=img with a name; the numbers themselves are in the table that follows it.
 */
export class ChartBox {
  readonly el: HTMLDivElement;
  private chart: echarts.ECharts | null = null;
  private option: Option | null = null;
  private drawn = false;
  private readonly observer: ResizeObserver;

  constructor(label: string, testid: string) {
    this.el = h('div', { class: 'chart', role: 'img', 'aria-label': label, 'data-testid': testid });
    this.observer = new ResizeObserver(() => this.sync());
    this.observer.observe(this.el);
    live.add(this);
  }

  show(option: Option): void {
    this.option = option;
    this.drawn = false;
    this.sync();
  }

  private sync(): void {
    if (!this.el.isConnected) {
      this.chart?.dispose();
      this.chart = null;
      this.drawn = false;
      return;
    }
    if (this.el.clientWidth === 0) return;
    if (!this.chart) this.chart = echarts.init(this.el, null, { renderer: 'canvas' });
    if (!this.drawn && this.option) {
      this.chart.setOption(this.option, true);
      this.drawn = true;
    } else {
      this.chart.resize();
    }
  }

  dispose(): void {
    this.observer.disconnect();
    this.chart?.dispose();
    this.chart = null;
    live.delete(this);
  }
}

/** Disposes the charts of a dashboard that is no longer on the page. */
export function disposeDetached(): void {
  for (const box of [...live]) if (!box.el.isConnected) box.dispose();
}

function text(s: ChartStyle) {
  return { fontFamily: s.font, color: INK, fontSize: 13 };
}

/** Labels of a category axis. Canvas text takes the page's direction (the canvas inherits
 *  dir=rtl), so "٢٦ جمادى الآخرة" reads right to left without marks of ours. */
function categoryLabels(s: ChartStyle, extra: Record<string, unknown> = {}) {
  return { ...text(s), ...extra };
}

function tooltip(s: ChartStyle, trigger: 'axis' | 'item', format = s.num) {
  return {
    trigger,
    textStyle: { fontFamily: s.font },
    // The tooltip is HTML: right-aligned and right-to-left for Arabic and Persian.
    extraCssText: s.rtl ? 'direction: rtl; text-align: right;' : '',
    valueFormatter: (v: unknown) => (typeof v === 'number' ? format(v) : String(v ?? '')),
  };
}

/** The value axis: numbers in the user's digits, on the reading side of the chart. */
function valueAxis(s: ChartStyle, horizontal: boolean, format = s.num, max?: number) {
  return {
    type: 'value' as const,
    minInterval: max === undefined ? 1 : 0,
    max,
    inverse: horizontal && s.rtl,  // horizontal bars grow from the right in RTL
    position: horizontal ? undefined : s.rtl ? ('right' as const) : ('left' as const),
    axisLabel: { ...text(s), formatter: (v: number) => format(v) },
    splitLine: { lineStyle: { color: LINE } },
  };
}

const grid = { left: 12, right: 12, top: 36, bottom: 12 };

/** Values per category: horizontal bars (long labels), the first at the top. `format` and `max`
 *  for shares (0-1, shown as percentages). */
export function barsOption(s: ChartStyle, labels: string[], values: number[], name: string,
  opts: { format?: (n: number) => string; max?: number } = {}): Option {
  return {
    textStyle: text(s),
    grid,
    tooltip: tooltip(s, 'axis', opts.format),
    xAxis: valueAxis(s, true, opts.format, opts.max),
    yAxis: {
      type: 'category', data: labels, inverse: true, position: s.rtl ? 'right' : 'left',
      axisLabel: categoryLabels(s, { width: 180, overflow: 'truncate' }),
    },
    series: [{ type: 'bar', name, data: values, itemStyle: { color: ACCENT }, barMaxWidth: 28 }],
  };
}

/** Counts along an ordered axis (periods, age buckets): time runs right to left in RTL. */
export function columnsOption(s: ChartStyle, labels: string[], values: number[], name: string, line = false): Option {
  return {
    textStyle: text(s),
    grid,
    tooltip: tooltip(s, 'axis'),
    xAxis: { type: 'category', data: labels, inverse: s.rtl, axisLabel: categoryLabels(s, { hideOverlap: true }) },
    yAxis: valueAxis(s, false),
    series: [line
      ? { type: 'line', name, data: values, itemStyle: { color: ACCENT }, lineStyle: { width: 3 }, areaStyle: { opacity: 0.12 }, symbolSize: 7 }
      : { type: 'bar', name, data: values, itemStyle: { color: ACCENT }, barMaxWidth: 48 }],
  };
}

/** Two series side by side with a legend on the reading side (satisfaction: calls, requests). */
export function pairedOption(s: ChartStyle, labels: string[], series: { name: string; values: number[] }[]): Option {
  return {
    textStyle: text(s),
    grid: { ...grid, top: 48 },
    tooltip: tooltip(s, 'axis'),
    legend: {
      top: 4, textStyle: text(s), ...(s.rtl ? { right: 8, align: 'right' as const } : { left: 8, align: 'left' as const }),
    },
    xAxis: { type: 'category', data: labels, inverse: s.rtl, axisLabel: categoryLabels(s) },
    yAxis: valueAxis(s, false),
    series: series.map((x, i) => ({ type: 'bar' as const, name: x.name, data: x.values, barMaxWidth: 28,
      itemStyle: { color: i === 0 ? ACCENT : SECOND } })),
  };
}

/** Counts by hour (columns) and weekday (rows, the week's first day at the top). */
export function heatmapOption(s: ChartStyle, hours: string[], days: string[], cells: [number, number, number][], name: string): Option {
  const max = Math.max(1, ...cells.map((c) => c[2]));
  return {
    textStyle: text(s),
    grid: { ...grid, top: 12, bottom: 64 },
    tooltip: {
      ...tooltip(s, 'item'),
      formatter: (p: { value: [number, number, number] }) =>
        `${days[p.value[1]]} · ${hours[p.value[0]]}: ${s.num(p.value[2])}`,
    },
    xAxis: { type: 'category', data: hours, inverse: s.rtl, splitArea: { show: true }, axisLabel: categoryLabels(s) },
    yAxis: { type: 'category', data: days, inverse: true, position: s.rtl ? 'right' : 'left', splitArea: { show: true }, axisLabel: categoryLabels(s) },
    visualMap: {
      min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 4, itemHeight: 160,
      text: [s.num(max), s.num(0)],  // [high end, low end]
      inverse: s.rtl, textStyle: text(s), formatter: (v: number) => s.num(Math.round(v)),
      inRange: { color: ['#f3f6f5', '#7fb8a8', ACCENT] },
    },
    series: [{ type: 'heatmap', name, data: cells, emphasis: { itemStyle: { borderColor: INK, borderWidth: 1 } } }],
  };
}
