/**
 * The UI thread's handle on the stream worker: starts it once per page and relays its link reports.
 */
import { createListenerSet } from '../../common/events/listener-set';
import type { GatewayLinkState } from '../../common/station/gateway-link-state';
import type { StreamWorkerCommand, StreamWorkerReport } from './stream-messages';

/** A started stream worker. */
export interface StreamWorkerClient {
  connect(gatewayUrl: string, stationName: string): void;
  onLinkChange(listener: (state: GatewayLinkState) => void): () => void;
}

/** Starts the module worker. */
export function startStreamWorker(): StreamWorkerClient {
  const worker = new Worker(new URL('./stream.worker.ts', import.meta.url), { type: 'module', name: 'wardwatch-stream' });
  const listeners = createListenerSet<GatewayLinkState>();
  let connectedTo: string | null = null;
  worker.addEventListener('message', (event: MessageEvent<StreamWorkerReport>) => {
    if (event.data.type === 'link') listeners.emit(event.data.state);
  });
  worker.addEventListener('error', (event) => console.error(`stream worker failed: ${event.message}`));
  return {
    connect(gatewayUrl, stationName) {
      if (connectedTo === gatewayUrl) return;
      connectedTo = gatewayUrl;
      const command: StreamWorkerCommand = { type: 'connect', gatewayUrl, stationName };
      worker.postMessage(command);
    },
    onLinkChange: listeners.add,
  };
}
