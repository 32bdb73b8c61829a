/**
 * The stream worker: owns this display's data link to the gateway. It connects as a `stream` client with the
 * shared gateway link (handshake, heartbeats, reconnection with back-off) and reports the link state to the UI
 * thread. Waveform frames and ring buffers arrive here with the live-waveform work.
 */
import { createConsoleLogger } from '../../common/logging/logger';
import { openGatewayLink, type GatewayLink } from '../../common/wire/gateway-link';
import type { StreamWorkerCommand, StreamWorkerReport } from './stream-messages';

/** The parts of the dedicated worker scope this file uses (the DOM library has no worker scope type). */
interface WorkerScope {
  postMessage(message: StreamWorkerReport): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<StreamWorkerCommand>) => void): void;
}

const scope = self as unknown as WorkerScope;
const logger = createConsoleLogger('stream-worker');
let link: GatewayLink | null = null;

scope.addEventListener('message', (event) => {
  const command = event.data;
  if (command.type !== 'connect') return;
  // A new gateway address (the station was reconfigured) replaces the old link.
  link?.close();
  link = openGatewayLink({ url: command.gatewayUrl, stationName: command.stationName, client: 'stream', logger });
  const report = (): void => scope.postMessage({ type: 'link', state: (link as GatewayLink).state() });
  link.onChange(report);
  report();
});
