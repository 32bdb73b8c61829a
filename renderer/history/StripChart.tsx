/**
 * A full-disclosure strip as paper: each channel a uPlot chart at the standard 25 mm/s (one second is 25 mm of
 * screen at 96 dpi), the onset marked, a 0.2 s grid like ECG paper, gaps drawn as gaps (never joined).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { channelByKey } from '../../common/wire/channel-catalog';
import { NO_SAMPLE } from '../../common/wire/waveform-frame';
import { base64ToInt16, type Strip } from '../../common/wire/history-messages';
import { CSS_PX_PER_MM, PAPER_SPEED_MM_PER_S, TRACE_STYLES } from '../waveform/trace-style';

/** Pixels per second at paper speed. */
const PX_PER_SECOND = PAPER_SPEED_MM_PER_S * CSS_PX_PER_MM;
const CHANNEL_HEIGHT = 110;

/** Seconds relative to `zeroMs` and physical values (null at gaps), for uPlot. */
export function stripSeries(channel: Strip['channels'][number], zeroMs: number): [number[], (number | null)[]] {
  const times: number[] = [];
  const values: (number | null)[] = [];
  for (const segment of channel.segments) {
    if (times.length > 0) {
      // A null between segments breaks the line: missing data must look missing.
      times.push((segment.startMs - zeroMs) / 1000 - 1e-6);
      values.push(null);
    }
    const samples = base64ToInt16(segment.samplesBase64);
    for (let i = 0; i < samples.length; i += 1) {
      times.push((segment.startMs + (i * 1000) / segment.sampleRate - zeroMs) / 1000);
      const raw = samples[i] as number;
      values.push(raw === NO_SAMPLE ? null : raw * segment.scale + segment.offset);
    }
  }
  return [times, values];
}

/** Props of {@link StripChart}. */
export interface StripChartProps {
  readonly strip: Strip;
  /** The moment at 0 s (the alarm's onset), epoch ms. */
  readonly zeroMs: number;
}

/** The strip. */
export function StripChart({ strip, zeroMs }: StripChartProps) {
  const host = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const element = host.current;
    if (element === null) return undefined;
    const seconds = (strip.toMs - strip.fromMs) / 1000;
    const width = Math.round(seconds * PX_PER_SECOND);
    const fromS = (strip.fromMs - zeroMs) / 1000;
    const plots: uPlot[] = [];
    for (const channel of strip.channels) {
      const info = channelByKey(channel.key);
      const style = TRACE_STYLES[info.family];
      const row = document.createElement('div');
      row.className = 'strip__channel';
      row.dataset.testid = `strip-${channel.key}`;
      const label = document.createElement('span');
      label.className = 'strip__label';
      label.textContent = `${info.label} ${info.unit}`;
      label.style.color = style.color;
      row.append(label);
      element.append(row);
      const [times, values] = stripSeries(channel, zeroMs);
      const plot = new uPlot(
        {
          width,
          height: CHANNEL_HEIGHT,
          legend: { show: false },
          cursor: { show: false },
          select: { show: false, left: 0, top: 0, width: 0, height: 0 },
          scales: { x: { time: false, range: [fromS, fromS + seconds] } },
          axes: [
            {
              stroke: '#8fa0b3',
              grid: { stroke: 'rgba(255, 90, 90, 0.12)', width: 1 },
              ticks: { show: false },
              incrs: [0.2, 1],
              values: (_u, splits) =>
                splits.map((s) => (Math.abs(s - Math.round(s)) < 1e-6 ? `${Math.round(s)} s` : '')),
              size: 22,
              space: 4,
            },
            { show: false },
          ],
          series: [{}, { stroke: style.color, width: 1.25, spanGaps: false, points: { show: false } }],
          hooks: {
            draw: [
              (u) => {
                // The onset: a white line at 0 s.
                const x = u.valToPos(0, 'x', true);
                const context = u.ctx;
                context.save();
                context.strokeStyle = '#ffffff';
                context.setLineDash([4, 4]);
                context.beginPath();
                context.moveTo(x, u.bbox.top);
                context.lineTo(x, u.bbox.top + u.bbox.height);
                context.stroke();
                context.restore();
              },
            ],
          },
        },
        [times, values],
        row,
      );
      plots.push(plot);
    }
    return () => {
      for (const plot of plots) plot.destroy();
      element.replaceChildren();
    };
  }, [strip, zeroMs]);
  const samples = strip.channels.reduce(
    (total, channel) =>
      total + channel.segments.reduce((sum, segment) => sum + Math.floor((segment.samplesBase64.length * 3) / 8), 0),
    0,
  );
  return (
    <div className="strip" data-testid="strip" data-samples={samples}>
      <div className="strip__paper" ref={host} />
      <p className="strip__scale">25 mm/s · {(strip.toMs - strip.fromMs) / 1000} s · dashed line: onset</p>
    </div>
  );
}
