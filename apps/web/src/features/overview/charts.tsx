/**
 * 全庁の状況's charts, drawn as plain SVG: three small charts need no library (see docs/overview.md
 * for the sizes measured). Each is a <figure> with a caption, a sentence that says what the chart
 * shows (its text alternative), the SVG named by that sentence, and the table it was drawn from.
 * Levels are told apart by pattern as well as by shade, and every bar carries its number, so the
 * charts read in black and white on paper.
 */
import type { ReactNode } from 'react';
import { formatWareki } from '../../lib/wareki';

export const percent = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;

/** One pattern per level, best first: solid, diagonal lines, dots, cross-hatch, horizontal lines. */
function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-0`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#00118f" />
      </pattern>
      <pattern id={`${prefix}-1`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#c5d7fb" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#00118f" strokeWidth="3" />
      </pattern>
      <pattern id={`${prefix}-2`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#e8f1fe" />
        <circle cx="3" cy="3" r="1.6" fill="#1a1a1a" />
      </pattern>
      <pattern id={`${prefix}-3`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#ffffff" />
        <path d="M0 0 L8 8 M8 0 L0 8" stroke="#4d4d4d" strokeWidth="1" />
      </pattern>
      <pattern id={`${prefix}-4`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#ffffff" />
        <line x1="0" y1="3" x2="6" y2="3" stroke="#1a1a1a" strokeWidth="1.5" />
      </pattern>
    </defs>
  );
}
const fill = (prefix: string, i: number) => `url(#${prefix}-${Math.min(i, 4)})`;

/** A number on a bar, readable on any pattern: black text on a white halo. */
function BarLabel({ x, y, children }: { x: number; y: number; children: ReactNode }) {
  return (
    <text x={x} y={y} className="chart-bar-label" textAnchor="middle" dominantBaseline="central">
      {children}
    </text>
  );
}

export function ChartFigure(props: {
  id: string;
  title: string;
  summary: string;
  tableCaption: string;
  table: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="chart" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`} className="chart-title">
        {props.title}
      </figcaption>
      <p id={`${props.id}-summary`} className="chart-summary">
        {props.summary}
      </p>
      <div className="chart-canvas">{props.children}</div>
      <details className="chart-table">
        <summary>{props.tableCaption}</summary>
        {props.table}
      </details>
    </figure>
  );
}

export interface AchievementBarsProps {
  id: string;
  scale: string[];
  rows: { department: string; counts: number[] }[];
}

/** 達成状況 per department: one bar per 部, a segment per level, best first from the left. */
export function AchievementBars({ id, scale, rows }: AchievementBarsProps) {
  const labelWidth = 150;
  const width = 720;
  const barHeight = 26;
  const gap = 10;
  const legendHeight = 34;
  const max = Math.max(1, ...rows.map((r) => r.counts.reduce((a, b) => a + b, 0)));
  const plot = width - labelWidth - 40;
  const height = legendHeight + rows.length * (barHeight + gap) + 8;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-summary`}
      className="chart-svg"
    >
      <Patterns prefix={id} />
      <g aria-hidden="true">
        {scale.map((level, i) => {
          const x = i * (width / Math.max(scale.length, 1));
          return (
            <g key={level}>
              <rect x={x} y={4} width={18} height={18} fill={fill(id, i)} stroke="#1a1a1a" />
              <text x={x + 24} y={13} dominantBaseline="central" className="chart-legend">
                {level}
              </text>
            </g>
          );
        })}
        {rows.map((r, row) => {
          const y = legendHeight + row * (barHeight + gap);
          let x = labelWidth;
          const total = r.counts.reduce((a, b) => a + b, 0);
          return (
            <g key={r.department}>
              <text x={labelWidth - 8} y={y + barHeight / 2} textAnchor="end" dominantBaseline="central">
                {r.department}
              </text>
              {r.counts.map((n, i) => {
                const w = (n / max) * plot;
                const segment = (
                  <g key={i}>
                    <rect x={x} y={y} width={w} height={barHeight} fill={fill(id, i)} stroke="#1a1a1a" />
                    {n > 0 && w >= 18 && (
                      <BarLabel x={x + w / 2} y={y + barHeight / 2}>
                        {n}
                      </BarLabel>
                    )}
                  </g>
                );
                x += w;
                return segment;
              })}
              <text x={x + 6} y={y + barHeight / 2} dominantBaseline="central" className="chart-total">
                {total ? `計${total}` : '未評価'}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}

export interface RatePoint {
  label: string;
  rate: number | null;
}

/** The city's 達成率 over the fiscal years: a line with every point labelled. */
export function RateOverYears({ id, points }: { id: string; points: RatePoint[] }) {
  const width = 720;
  const height = 260;
  const left = 56;
  const right = 24;
  const top = 24;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (rate: number) => top + plotH * (1 - rate);
  const drawn = points.map((p, i) => ({ ...p, i })).filter((p) => p.rate !== null) as Array<
    RatePoint & { i: number; rate: number }
  >;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-summary`}
      className="chart-svg"
    >
      <g aria-hidden="true">
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={left} x2={width - right} y1={y(t)} y2={y(t)} stroke="#b3b3b3" strokeDasharray="2 3" />
            <text x={left - 6} y={y(t)} textAnchor="end" dominantBaseline="central" className="chart-axis">
              {t * 100}%
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <text key={p.label} x={x(i)} y={height - 14} textAnchor="middle" className="chart-axis">
            {p.label}
          </text>
        ))}
        <polyline
          points={drawn.map((p) => `${x(p.i)},${y(p.rate)}`).join(' ')}
          fill="none"
          stroke="#00118f"
          strokeWidth="3"
        />
        {drawn.map((p) => (
          <g key={p.label}>
            <rect
              x={x(p.i) - 6}
              y={y(p.rate) - 6}
              width={12}
              height={12}
              fill="#ffffff"
              stroke="#00118f"
              strokeWidth="3"
            />
            <text x={x(p.i)} y={y(p.rate) - 16} textAnchor="middle" className="chart-bar-label">
              {percent(p.rate)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

export interface CyclePhase {
  name: string;
  /** Months of the fiscal year the phase runs in, 4 … 3. */
  months: [number, number];
  done: number;
  of: number;
}

/** The year's phases on the calendar (4月 … 3月), each filled to how far the city has got, and today. */
export function CycleProgress({
  id,
  phases,
  today,
  fiscalYear,
}: {
  id: string;
  phases: CyclePhase[];
  today: string;
  fiscalYear: number;
}) {
  const width = 720;
  const left = 110;
  const right = 16;
  const rowH = 34;
  const top = 36;
  const height = top + phases.length * (rowH + 10) + 10;
  const monthW = (width - left - right) / 12;
  const order = (m: number) => (m + 8) % 12; // 4月 → 0 … 3月 → 11
  const start = new Date(Date.UTC(fiscalYear, 3, 1)).getTime();
  const end = new Date(Date.UTC(fiscalYear + 1, 3, 1)).getTime();
  const at = Date.parse(`${today}T00:00:00Z`);
  const todayX = at >= start && at < end ? left + ((at - start) / (end - start)) * 12 * monthW : undefined;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-summary`}
      className="chart-svg"
    >
      <Patterns prefix={id} />
      <g aria-hidden="true">
        {Array.from({ length: 12 }, (_, i) => (
          <g key={i}>
            <line x1={left + i * monthW} x2={left + i * monthW} y1={top - 6} y2={height - 6} stroke="#d9d9d9" />
            <text x={left + (i + 0.5) * monthW} y={top - 14} textAnchor="middle" className="chart-axis">
              {((i + 3) % 12) + 1}月
            </text>
          </g>
        ))}
        {phases.map((p, row) => {
          const y = top + row * (rowH + 10);
          const x0 = left + order(p.months[0]) * monthW;
          const w = (order(p.months[1]) - order(p.months[0]) + 1) * monthW;
          const share = p.of ? p.done / p.of : 0;
          return (
            <g key={p.name}>
              <text x={left - 8} y={y + rowH / 2} textAnchor="end" dominantBaseline="central">
                {p.name}
              </text>
              <rect x={x0} y={y} width={w} height={rowH} fill="#ffffff" stroke="#1a1a1a" />
              <rect x={x0} y={y} width={w * share} height={rowH} fill={fill(id, 1)} stroke="#1a1a1a" />
              <BarLabel x={x0 + w / 2} y={y + rowH / 2}>
                {p.of ? `${p.done}/${p.of}（${Math.round(share * 100)}%）` : '対象なし'}
              </BarLabel>
            </g>
          );
        })}
        {todayX !== undefined && (
          <g>
            <line
              x1={todayX}
              x2={todayX}
              y1={top - 4}
              y2={height - 4}
              stroke="#1a1a1a"
              strokeWidth="2"
              strokeDasharray="6 3"
            />
            <text x={todayX + 4} y={height - 8} className="chart-axis">
              {formatWareki(today)}
            </text>
          </g>
        )}
      </g>
    </svg>
  );
}
