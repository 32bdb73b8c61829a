/**
 * The simulated stations of the gateway benchmarks: a stream client per station that subscribes to every bed's
 * waveforms and counts what arrives (frames, samples, bytes, latency from the batch's send stamp), reading only the
 * header of most batches so that the client stays cheap beside the gateway on one machine.
 */
import { io, type Socket } from 'socket.io-client';
import { BATCH_HEADER_BYTES, decodeBatch } from '../../common/wire/frame-codec';
import { GATEWAY_PROTOCOL_VERSION } from '../../common/wire/gateway-handshake';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { signInDemo } from '../support/gateway-access';

/** What one station's stream received while `measuring`. */
export interface StationCounters {
  frames: number;
  samples: number;
  bytes: number;
  latencies: number[];
  measuring: boolean;
  /** Fully decoded batches that failed to decode. */
  invalid: number;
}

/** Counters at zero, not measuring yet. */
export function freshCounters(): StationCounters {
  return { frames: 0, samples: 0, bytes: 0, latencies: [], measuring: false, invalid: 0 };
}

/** Every n-th batch is fully decoded and checked; the others only have their header read (cheap client). */
const FULL_DECODE_EVERY = 20;

/**
 * Signs the demo nurse in for station `index` over the real sign-in API and opens its stream, subscribed to every
 * bed's waveforms, as a station's stream worker does. Resolves with the socket and the access token.
 */
export async function connectStreamStation(
  url: string,
  index: number,
  counters: StationCounters,
): Promise<{ socket: Socket; accessToken: string }> {
  const { accessToken } = await signInDemo(url, 'nurse', `bench-${index}`);
  const socket = io(url, {
    auth: { protocol: GATEWAY_PROTOCOL_VERSION, client: 'stream', stationName: `bench-${index}`, token: accessToken },
    transports: ['websocket'],
  });
  let batches = 0;
  socket.on(WARD_EVENTS.waves, (payload: Uint8Array) => {
    const arrival = Date.now();
    if (!counters.measuring) return;
    const bytes = new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    counters.frames += view.getUint16(2, true);
    counters.bytes += bytes.byteLength;
    // Samples: total bytes minus headers, 2 bytes each (36-byte frame headers).
    counters.samples += (bytes.byteLength - BATCH_HEADER_BYTES - 36 * view.getUint16(2, true)) / 2;
    counters.latencies.push(arrival - view.getFloat64(8, true));
    batches += 1;
    if (batches % FULL_DECODE_EVERY === 0 && !decodeBatch(bytes).ok) counters.invalid += 1;
  });
  await new Promise((resolve) => socket.once('welcome', resolve));
  await socket.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: true });
  return { socket, accessToken };
}
