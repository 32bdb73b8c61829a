/**
 * React access to the station bridge and the stream worker, both created once per page in main.tsx.
 */
import { createContext, useContext } from 'react';
import type { StationBridge } from '../bridge/station-bridge';
import type { StreamWorkerClient } from '../stream/stream-worker-client';
import type { LiveNumericsStore } from '../ward/live-numerics-store';
import type { RingDirectory } from '../stream/ring-directory';
import type { RenderLoop } from '../waveform/render-loop';

/** What every screen may reach. */
export interface StationServices {
  readonly bridge: StationBridge;
  readonly streamWorker: StreamWorkerClient;
  readonly numerics: LiveNumericsStore;
  readonly rings: RingDirectory;
  readonly renderLoop: RenderLoop;
  /** `sweep` for the station; `naive` only for the benchmark's baseline (`?renderer=naive`). */
  readonly traceKind: 'sweep' | 'naive';
}

/** Provided by main.tsx. */
export const StationContext = createContext<StationServices | null>(null);

/** The station services; throws when used outside the provider (a programming error). */
export function useStationServices(): StationServices {
  const services = useContext(StationContext);
  if (services === null) throw new Error('useStationServices must be used inside StationContext.Provider');
  return services;
}
