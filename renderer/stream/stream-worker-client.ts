/**
 * The UI thread's handle on the stream worker: starts it once per page and relays its reports.
 */
import { createListenerSet } from '../../common/events/listener-set';
import type { IpcResult } from '../../common/ipc/result';
import type { GatewayLinkState } from '../../common/station/gateway-link-state';
import type { BedNumerics } from '../../common/wire/ward-messages';
import type { RingDirectory } from './ring-directory';
import type { StreamCredential, StreamWorkerCommand, StreamWorkerReport } from './stream-messages';

/** Where the worker's view-only tokens come from: the station API's `getStreamCredential` (never rejects). */
export type StreamCredentialSource = (fresh: boolean) => Promise<IpcResult<StreamCredential | null>>;

/** A started stream worker. */
export interface StreamWorkerClient {
  connect(gatewayUrl: string, fallbackUrls: readonly string[], stationName: string): void;
  /** The station's session changed: the worker asks for a credential again. */
  reauthenticate(): void;
  onLinkChange(listener: (state: GatewayLinkState) => void): () => void;
  onNumerics(listener: (numerics: readonly BedNumerics[]) => void): () => void;
}

/** Starts the module worker; its channels' rings are entered into `rings`. */
export function startStreamWorker(rings: RingDirectory, credentials: StreamCredentialSource): StreamWorkerClient {
  const worker = new Worker(new URL('./stream.worker.ts', import.meta.url), {
    type: 'module',
    name: 'wardwatch-stream',
  });
  const linkListeners = createListenerSet<GatewayLinkState>();
  const numericsListeners = createListenerSet<readonly BedNumerics[]>();
  let connectedTo: string | null = null;
  const send = (command: StreamWorkerCommand): void => worker.postMessage(command);
  worker.addEventListener('message', (event: MessageEvent<StreamWorkerReport>) => {
    const report = event.data;
    if (report.type === 'need-credential') {
      // A refusal (the gateway cannot be reached) reaches the worker with its sentence: the link shows it and retries.
      credentials(report.fresh).then(
        (result) =>
          send(
            result.ok
              ? { type: 'credential', requestId: report.requestId, credential: result.value }
              : { type: 'credential', requestId: report.requestId, credential: null, failure: result.error.message },
          ),
        (error: unknown) =>
          send({
            type: 'credential',
            requestId: report.requestId,
            credential: null,
            failure: error instanceof Error ? error.message : String(error),
          }),
      );
    } else if (report.type === 'link') linkListeners.emit(report.state);
    else if (report.type === 'numerics') numericsListeners.emit(report.numerics);
    else if (report.type === 'ring') rings.adopt(report.bed, report.channel, report.buffer);
    else if (report.type === 'frames') {
      for (const frame of report.frames) {
        const ring = rings.owned(frame.bed, frame.channel, frame.sampleRate);
        const values = frame.values;
        ring.write({ ...frame, count: values.length, valueAt: (i) => values[i] as number });
      }
    } else console.error(`stream worker dropped ${report.count} gateway message(s); last: ${report.reason}`);
  });
  worker.addEventListener('error', (event) => console.error(`stream worker failed: ${event.message}`));
  return {
    connect(gatewayUrl, fallbackUrls, stationName) {
      const ward = [gatewayUrl, ...fallbackUrls].join(',');
      if (connectedTo === ward) return;
      connectedTo = ward;
      send({ type: 'connect', gatewayUrl, fallbackUrls, stationName });
    },
    reauthenticate: () => send({ type: 'reauthenticate' }),
    onLinkChange: linkListeners.add,
    onNumerics: numericsListeners.add,
  };
}
