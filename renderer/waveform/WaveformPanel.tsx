/**
 * A bed's waveforms on screen: one sweep chart whose lanes are the given channels, with each lane's label and,
 * when the channel is stale, its reason over a flat grey line. React renders it once; the render loop draws it.
 * With `?renderer=naive` (the benchmark's baseline) each lane is its own fully redrawn uPlot chart instead.
 */
import { useEffect, useRef, useState } from 'react';
import { channelById, type ChannelInfo } from '../../common/wire/channel-catalog';
import { useStationServices } from '../app/station-context';
import { NaiveTrace } from './naive-trace';
import { SweepChart } from './sweep-chart';
import type { Trace } from './trace';
import { CSS_PX_PER_MM, TRACE_STYLES } from './trace-style';

/** How fast the traces sweep: a fixed window, or a paper speed (the window follows the width). */
export type SweepSpeed = { readonly seconds: number } | { readonly mmPerSecond: number };

/** Props of {@link WaveformPanel}. */
export interface WaveformPanelProps {
  readonly bed: number;
  /** Channel wire ids, top to bottom. */
  readonly channels: readonly number[];
  readonly speed: SweepSpeed;
  readonly lineWidth?: number;
}

/** The waveforms of one bed. */
export function WaveformPanel({ bed, channels, speed, lineWidth = 1 }: WaveformPanelProps) {
  const { rings, renderLoop, traceKind } = useStationServices();
  const holder = useRef<HTMLDivElement>(null);
  const [stale, setStale] = useState<readonly (string | null)[]>(() => channels.map(() => 'WAITING FOR DATA'));
  const infos = channels.map((id) => channelById(id)).filter((info): info is ChannelInfo => info !== undefined);
  const channelKey = infos.map((info) => info.id).join(',');
  const seconds = 'seconds' in speed ? speed.seconds : null;
  const mmPerSecond = 'mmPerSecond' in speed ? speed.mmPerSecond : null;

  useEffect(() => {
    const container = holder.current;
    if (container === null) return undefined;
    const ids = channelKey
      .split(',')
      .filter((id) => id !== '')
      .map(Number);
    const windowSeconds = (width: number): number => seconds ?? width / ((mmPerSecond ?? 25) * CSS_PX_PER_MM);
    const onStale = (lane: number, reason: string | null): void =>
      setStale((previous) =>
        previous[lane] === reason ? previous : previous.map((value, index) => (index === lane ? reason : value)),
      );
    const lanes = ids.map((id) => ({
      ring: () => rings.get(bed, id),
      style: TRACE_STYLES[(channelById(id) as ChannelInfo).family],
    }));
    const traces: Trace[] = [];
    if (traceKind === 'naive') {
      lanes.forEach((lane, index) => {
        const laneHolder = container.children[index] as HTMLElement;
        traces.push(
          new NaiveTrace({
            container: laneHolder,
            ...lane,
            windowSeconds,
            lineWidth,
            onStale: (reason) => onStale(index, reason),
          }),
        );
      });
    } else {
      traces.push(new SweepChart({ container, lanes, windowSeconds, lineWidth, onStale }));
    }
    const removals = traces.map((trace) => renderLoop.add(trace));
    const observer = new ResizeObserver(() => {
      for (const trace of traces)
        trace.resize(Math.floor(trace.element.clientWidth), Math.floor(trace.element.clientHeight));
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      removals.forEach((remove) => remove());
      traces.forEach((trace) => trace.destroy());
    };
  }, [bed, channelKey, seconds, mmPerSecond, lineWidth, rings, renderLoop, traceKind]);

  return (
    <div className="wave-panel">
      <div ref={holder} className={`wave-panel__canvas${traceKind === 'naive' ? ' wave-panel__canvas--lanes' : ''}`}>
        {traceKind === 'naive' && infos.map((info) => <div key={info.id} className="wave-panel__lane-canvas" />)}
      </div>
      <div className="wave-panel__lanes">
        {infos.map((info, index) => {
          const reason = stale[index] ?? null;
          return (
            <div
              key={info.id}
              className={`trace trace--${info.family}${reason === null ? '' : ' trace--stale'}`}
              data-testid={`trace-${info.key}`}
            >
              <span className="trace__label">{info.label}</span>
              {reason !== null && (
                <span className="trace__stale" data-testid="trace-stale">
                  {reason}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
