/**
 * A bed's numeric trends (issue 16), graphical and tabular, from the gateway's one-minute rows: several numerics
 * on one time axis (uPlot; temperature on its own right-hand scale), the bed's alarms as coloured marks at their
 * onset, over 1, 8, 24 or 72 hours; or a table of 5-, 15- or 60-minute rows, newest first, each the median of its
 * minutes. A minute without a value is a gap in the line and a blank cell — never a value carried over.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { trendRowsOf, type TrendKey, type TrendRowMessage } from '../../common/wire/trend-messages';
import { useStationServices } from '../app/station-context';
import { StationCallError } from '../station/use-station-identity';
import { useAlarmHistory } from '../history/use-history';
import { formatWallTime } from '../app/WallClock';

/** The numerics a trend shows, with their colour and scale. */
const TRENDED: readonly { key: TrendKey; label: string; color: string; scale: 'vital' | 'temp' | 'score' }[] = [
  { key: 'HR', label: 'HR', color: '#35d07f', scale: 'vital' },
  { key: 'SPO2', label: 'SpO₂', color: '#38d6f5', scale: 'vital' },
  { key: 'RR', label: 'RR', color: '#f5d547', scale: 'vital' },
  { key: 'NIBP_SYS', label: 'NIBP sys', color: '#e8edf2', scale: 'vital' },
  { key: 'ABP_SYS', label: 'ART sys', color: '#ff6b6b', scale: 'vital' },
  { key: 'PULSE', label: 'Pulse', color: '#7fb8ff', scale: 'vital' },
  { key: 'TEMP', label: 'Temp', color: '#c9a7ff', scale: 'temp' },
  // The gateway's NEWS2 total (a lower bound while a parameter is missing), on its own 0–20 scale.
  { key: 'NEWS2', label: 'NEWS2', color: '#ff9f43', scale: 'score' },
];
const SPANS_HOURS = [1, 8, 24, 72] as const;
const TABLE_MINUTES = [5, 15, 60] as const;
const PRIORITY_COLORS = { HIGH: '#ff4d4d', MEDIUM: '#ffd166', LOW: '#7fb8ff' } as const;

/** Props of {@link TrendPanel}. */
export interface TrendPanelProps {
  readonly bedId: string;
  /** The end of the span shown; now (following) when absent. */
  readonly endMs?: number;
  readonly initialHours?: (typeof SPANS_HOURS)[number];
}

/** The panel. */
export function TrendPanel({ bedId, endMs, initialHours = 8 }: TrendPanelProps) {
  const { bridge } = useStationServices();
  const [hours, setHours] = useState<(typeof SPANS_HOURS)[number]>(initialHours);
  const [view, setView] = useState<'graph' | 'table'>('graph');
  const [tableMinutes, setTableMinutes] = useState<(typeof TABLE_MINUTES)[number]>(15);
  // The span ends now unless told otherwise, renewed with each refresh (once a minute: rows are minutes).
  const [anchorMs, setAnchorMs] = useState(() => endMs ?? Date.now());
  useEffect(() => {
    if (endMs !== undefined) return undefined;
    const timer = setInterval(() => setAnchorMs(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [endMs]);
  const toMs = endMs ?? anchorMs;
  const fromMs = toMs - hours * 3_600_000;
  const trends = useQuery({
    queryKey: ['trends', bedId, fromMs, toMs],
    queryFn: async () => {
      const result = await bridge.api.getTrends({ bedId, fromMs, toMs });
      if (!result.ok) throw new StationCallError(result.error);
      return trendRowsOf(result.value.series);
    },
    retry: 2,
  });
  const alarms = useAlarmHistory({ fromMs, toMs, bedId, state: 'any' }, true);
  const marks = useMemo(
    () =>
      (alarms.data?.pages ?? [])
        .flatMap((page) => page.rows)
        .map((row) => ({ atMs: row.onsetMs, priority: row.priority })),
    [alarms.data],
  );
  const rows = trends.data ?? [];
  return (
    <section className="panel trend-panel" aria-label="Trends" data-testid="trend-panel">
      <header className="trend-panel__header">
        <h3>Trends</h3>
        <div role="group" aria-label="Trend span">
          {SPANS_HOURS.map((span) => (
            <button
              key={span}
              type="button"
              className={`app-nav__button${span === hours ? ' app-nav__button--active' : ''}`}
              aria-pressed={span === hours}
              onClick={() => setHours(span)}
            >
              {span} h
            </button>
          ))}
        </div>
        <div role="group" aria-label="Trend view">
          {(['graph', 'table'] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              className={`app-nav__button${kind === view ? ' app-nav__button--active' : ''}`}
              aria-pressed={kind === view}
              onClick={() => setView(kind)}
            >
              {kind === 'graph' ? 'Graph' : 'Table'}
            </button>
          ))}
        </div>
        {view === 'table' && (
          <label>
            Rows every
            <select
              value={tableMinutes}
              onChange={(event) => setTableMinutes(Number(event.target.value) as 5 | 15 | 60)}
            >
              {TABLE_MINUTES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes} min
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {trends.isError && <p role="alert">The trends cannot be read now: {trends.error.message}</p>}
      {trends.isSuccess && rows.length === 0 && <p className="panel__detail">No trend yet for this span.</p>}
      {rows.length > 0 &&
        (view === 'graph' ? (
          <TrendGraph rows={rows} fromMs={fromMs} toMs={toMs} marks={marks} />
        ) : (
          <TrendTable rows={rows} fromMs={fromMs} toMs={toMs} minutes={tableMinutes} />
        ))}
    </section>
  );
}

function TrendGraph(props: {
  rows: readonly TrendRowMessage[];
  fromMs: number;
  toMs: number;
  marks: readonly { atMs: number; priority: keyof typeof PRIORITY_COLORS }[];
}) {
  const host = useRef<HTMLDivElement | null>(null);
  const { rows, fromMs, toMs, marks } = props;
  useEffect(() => {
    const element = host.current;
    if (element === null) return undefined;
    const shown = TRENDED.filter((numeric) => rows.some((row) => row.key === numeric.key));
    // One x value per minute of the span; a minute without a row is null (a gap).
    const firstMinute = Math.floor(fromMs / 60_000) * 60_000;
    const minutes = Math.floor((toMs - firstMinute) / 60_000) + 1;
    const times = Array.from({ length: minutes }, (_, index) => (firstMinute + index * 60_000) / 1000);
    const series = shown.map((numeric) => {
      const values: (number | null)[] = new Array<number | null>(minutes).fill(null);
      for (const row of rows)
        if (row.key === numeric.key) {
          const index = Math.round((row.minuteMs - firstMinute) / 60_000);
          if (index >= 0 && index < minutes) values[index] = row.median;
        }
      return values;
    });
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 260,
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true },
          vital: { range: [0, 200] },
          temp: { range: [34, 42] },
          score: { range: [0, 20] },
        },
        axes: [
          {
            stroke: '#8fa0b3',
            grid: { stroke: 'rgba(143, 160, 179, 0.12)' },
            // 24-hour clock, as everywhere on the station.
            values: (_u, splits) => splits.map((s) => formatWallTime(new Date(s * 1000)).slice(0, 5)),
          },
          { scale: 'vital', stroke: '#8fa0b3', grid: { stroke: 'rgba(143, 160, 179, 0.12)' } },
          { scale: 'temp', side: 1, stroke: '#c9a7ff', grid: { show: false } },
          ...(shown.some((numeric) => numeric.scale === 'score')
            ? [{ scale: 'score', side: 1, stroke: '#ff9f43', grid: { show: false } }]
            : []),
        ],
        series: [
          {},
          ...shown.map((numeric, index) => {
            // A minute between gaps is a dot, or a first minute would be invisible; dense minutes are a line.
            const present = (series[index] ?? []).filter((value) => value !== null).length;
            return {
              label: numeric.label,
              scale: numeric.scale,
              stroke: numeric.color,
              width: 1.5,
              spanGaps: false,
              points: { show: present <= 240, size: 5, fill: numeric.color },
            };
          }),
        ],
        hooks: {
          draw: [
            (u: uPlot) => {
              const context = u.ctx;
              context.save();
              for (const mark of marks) {
                const x = u.valToPos(mark.atMs / 1000, 'x', true);
                context.strokeStyle = PRIORITY_COLORS[mark.priority];
                context.lineWidth = 2;
                context.beginPath();
                context.moveTo(x, u.bbox.top);
                context.lineTo(x, u.bbox.top + u.bbox.height);
                context.stroke();
              }
              context.restore();
            },
          ],
        },
      },
      [times, ...series],
      element,
    );
    return () => {
      plot.destroy();
      element.replaceChildren();
    };
  }, [rows, fromMs, toMs, marks]);
  return <div className="trend-panel__graph" ref={host} data-testid="trend-graph" data-rows={rows.length} />;
}

function TrendTable(props: { rows: readonly TrendRowMessage[]; fromMs: number; toMs: number; minutes: number }) {
  const { rows, fromMs, toMs, minutes } = props;
  const bucketMs = minutes * 60_000;
  const shown = TRENDED.filter((numeric) => rows.some((row) => row.key === numeric.key));
  const buckets: { startMs: number; values: Partial<Record<TrendKey, number>> }[] = [];
  for (let start = Math.floor(toMs / bucketMs) * bucketMs; start >= fromMs - bucketMs; start -= bucketMs) {
    const inBucket = rows.filter((row) => row.minuteMs >= start && row.minuteMs < start + bucketMs);
    const values: Partial<Record<TrendKey, number>> = {};
    for (const numeric of shown) {
      const medians = inBucket.filter((row) => row.key === numeric.key).map((row) => row.median);
      if (medians.length > 0) values[numeric.key] = medianOf(medians);
    }
    buckets.push({ startMs: start, values });
  }
  return (
    <table className="security-table trend-panel__table" data-testid="trend-table">
      <thead>
        <tr>
          <th scope="col">From</th>
          {shown.map((numeric) => (
            <th scope="col" key={numeric.key} style={{ color: numeric.color }}>
              {numeric.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {buckets.map((bucket) => (
          <tr key={bucket.startMs}>
            <td>{formatWallTime(new Date(bucket.startMs)).slice(0, 5)}</td>
            {shown.map((numeric) => (
              <td key={numeric.key}>{bucket.values[numeric.key] ?? ''}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(median * 10) / 10;
}
