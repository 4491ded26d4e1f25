// The geometry of the results bar chart (views/partials/results-chart.hbs): one bar per ranked
// bid, its total split into quality and price, worked out here so the template only draws.
// The SVG scales with its viewBox (width 100%), so it reflows on a 320 px screen; the figures
// are also in its description and in the results table, its text alternative.
import type Fraction from 'fraction.js';
import { formatHalfUp, formatPlain } from '../../engine/index';

export interface ChartEntry {
  key: string;
  supplier: string;
  rankText: string;
  quality: Fraction;
  /** Null when prices are hidden from the person looking. */
  price: Fraction | null;
  total: Fraction | null;
}

interface Segment {
  x: number;
  width: number;
}

export interface ChartBar {
  label: string;
  labelY: number;
  barY: number;
  quality: Segment;
  price: Segment | null;
  value: string;
  valueX: number;
  valueY: number;
}

export interface ResultsChart {
  width: number;
  height: number;
  barHeight: number;
  showPrices: boolean;
  title: string;
  desc: string;
  bars: ChartBar[];
  ticks: { x: number; label: string }[];
  axisY: number;
  tickLabelY: number;
}

const WIDTH = 400;
const PLOT = 330;
const TOP = 34;
const ROW = 48;
const BAR = 20;
const LABEL_CHARS = 52;

const round = (x: number) => Math.round(x * 100) / 100;
const show = (x: Fraction) => formatHalfUp(x, 2);

function label(entry: ChartEntry): string {
  const text = `${entry.rankText}: bid ${entry.key}, ${entry.supplier}`;
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}

function describe(entry: ChartEntry): string {
  if (entry.price === null || entry.total === null) return `Bid ${entry.key} (${entry.rankText}): quality ${show(entry.quality)}`;
  return `Bid ${entry.key} (${entry.rankText}): ${show(entry.total)}, of which quality ${show(entry.quality)} and price ${show(entry.price)}`;
}

/**
 * The chart of the ranked bids, in rank order. `scaleMax` is the most a bar can reach: 100 points
 * for totals, the quality weight when only quality is shown.
 */
export function resultsChart(entries: readonly ChartEntry[], showPrices: boolean, scaleMax: Fraction): ResultsChart {
  const max = scaleMax.valueOf() || 1;
  const bars = entries.map((entry, i): ChartBar => {
    const top = TOP + i * ROW;
    const qualityWidth = round((entry.quality.valueOf() / max) * PLOT);
    const priceWidth = showPrices && entry.price ? round((entry.price.valueOf() / max) * PLOT) : 0;
    const shown = showPrices && entry.total ? entry.total : entry.quality;
    return {
      label: label(entry),
      labelY: top + 14,
      barY: top + 20,
      quality: { x: 0, width: qualityWidth },
      price: showPrices ? { x: qualityWidth, width: priceWidth } : null,
      value: show(shown),
      valueX: round(qualityWidth + priceWidth + 6),
      valueY: top + 35,
    };
  });
  const axisY = TOP + entries.length * ROW + 4;
  const what = showPrices ? 'total score' : 'quality score';
  const outOf = formatPlain(scaleMax);
  return {
    width: WIDTH,
    height: axisY + 24,
    barHeight: BAR,
    showPrices,
    title: showPrices ? 'Total score of each ranked bid, split into quality and price' : 'Quality score of each ranked bid',
    desc:
      `A bar chart of the ${what} of each ranked bid, out of ${outOf} points` +
      (showPrices ? ', each bar split into quality (solid blue) and price (striped). ' : '. ') +
      `${entries.map(describe).join('; ')}. The same figures are in the table “Scores of each bid”.`,
    bars,
    ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => ({ x: round(f * PLOT), label: formatPlain(scaleMax.mul(f)) })),
    axisY,
    tickLabelY: axisY + 18,
  };
}
