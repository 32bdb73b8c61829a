/**
 * A remote patient's readings over the last 14 days (uPlot): one small chart per kind, each reading a point joined
 * by a line — readings are hours apart, so the points are what was measured and the line only guides the eye (blood
 * pressure: the systolic, which the thresholds judge). The x axis ends now (gateway time), so a patient who stopped
 * measuring shows an empty stretch up to today.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { READING_KINDS, READING_LABELS, type ReadingKind, type RemoteSummary } from '../../common/wire/remote-patients';
import { pageGatewayClock } from '../alarms/gateway-clock-anchor';

const SPAN_MS = 14 * 24 * 3_600_000;
const COLORS: Readonly<Record<ReadingKind, string>> = {
  'blood-pressure': '#e8edf2',
  glucose: '#ffd166',
  spo2: '#38d6f5',
  pulse: '#35d07f',
  weight: '#c9a7ff',
  temperature: '#ff9f43',
};

/** The charts. */
export function RemoteTrend({ summary }: { readonly summary: RemoteSummary }) {
  const kinds = READING_KINDS.filter((kind) => (summary.recent[kind]?.length ?? 0) > 0);
  if (kinds.length === 0) return <p className="panel__detail">No readings in the last 14 days.</p>;
  return (
    <div className="remote-trend" data-testid="remote-trend">
      {kinds.map((kind) => (
        <KindChart key={kind} summary={summary} kind={kind} />
      ))}
    </div>
  );
}

function KindChart({ summary, kind }: { summary: RemoteSummary; kind: ReadingKind }) {
  const host = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const element = host.current;
    if (element === null) return undefined;
    const toMs = pageGatewayClock.now();
    const points = (summary.recent[kind] ?? []).filter((point) => point.effectiveMs >= toMs - SPAN_MS);
    const times = points.map((point) => point.effectiveMs / 1000);
    const series: (number | null)[][] = [points.map((point) => point.value)];
    const plot = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: 140,
        title: `${kind === 'blood-pressure' ? 'BP systolic' : READING_LABELS[kind].label} (${READING_LABELS[kind].unit})`,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true, range: [(toMs - SPAN_MS) / 1000, toMs / 1000] } },
        axes: [
          { stroke: '#8fa0b3', grid: { stroke: 'rgba(143, 160, 179, 0.12)' } },
          { stroke: '#8fa0b3', grid: { stroke: 'rgba(143, 160, 179, 0.12)' } },
        ],
        series: [
          {},
          {
            label: READING_LABELS[kind].label,
            stroke: COLORS[kind],
            width: 1,
            points: { show: true, size: 6, fill: COLORS[kind] },
          },
        ],
      },
      [times, ...series],
      element,
    );
    return () => {
      plot.destroy();
      element.replaceChildren();
    };
  }, [summary, kind]);
  return <div className="remote-trend__chart" ref={host} data-testid={`remote-trend-${kind}`} />;
}
