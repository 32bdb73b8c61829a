/**
 * `npm run bench:hl7`: one gateway (its own process) with 128 device-fed beds and its HL7 port, fed by 128 devices
 * on loopback, each on its own MLLP connection waiting for each ACK as IHE PCD senders do. Three phases:
 *
 * 1. **ward**: every device sends one PCD-01 a second — its numerics and one second of ECG II (250 Hz) and pleth
 *    (125 Hz) as NA arrays, the waves of a simulated patient — while one station streams every bed. Beside it, the
 *    same station on the same gateway serving 128 simulated beds: the CPU the HL7 path costs over the simulator.
 * 2. **2,000 messages/s offered**: every device sends PCD-01 numerics every 64 ms (the target load).
 * 3. **saturation**: every device sends PCD-01 numerics back to back (the next as soon as its ACK came).
 * 4. **alarm storm**: every device sends PCD-04 alarms back to back, start and end in turn (each one an alarm
 *    raised or ended, journaled and broadcast).
 *
 * For each: messages/s accepted (AA), ACK latency p50/p99 (send → ACK, same clock), the gateway's CPU in cores.
 * The load generator shares the machine's two cores with the gateway: throughput is a floor, not a ceiling.
 * Last line: BENCH {"devices":128,"messages_per_s":…,"ack_p50_ms":…,"ack_p99_ms":…,"gateway_cpu":…,…}.
 */
import net from 'node:net';
import { io, type Socket as StationSocket } from 'socket.io-client';
import { GATEWAY_PROTOCOL_VERSION } from '../../common/wire/gateway-handshake';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { SimulatedBed } from '../../gateway/simulator/simulated-bed';
import { writePcd01 } from '../../gateway/hl7/pcd01-writer';
import { signInDemo } from '../support/gateway-access';
import { cpuSeconds, percentile, startGatewayProcess, type GatewayProcess } from './gateway-process';

const DEVICES = 128;
const WARMUP_MS = 6000;
const WINDOW_MS = 10_000;
const START = 0x0b;
const END = Buffer.from([0x1c, 0x0d]);

/** One second of one simulated patient's ECG II and pleth, in mV and pleth units, for each of `seconds`. */
function recordedSeconds(seed: number, seconds: number): { ecg: Float64Array; pleth: Float64Array }[] {
  const startMs = Date.now();
  const bed = new SimulatedBed({ seed, label: 'bench', startMs, script: [] });
  const out: { ecg: Float64Array; pleth: Float64Array }[] = [];
  for (let second = 1; second <= seconds; second += 1) {
    const chunks = bed.generate(startMs + second * 1000 - 1);
    const physical = (key: string): Float64Array => {
      const chunk = chunks.find((candidate) => candidate.key === key);
      const channel = bed.channels.find((candidate) => candidate.key === key);
      if (chunk === undefined || channel === undefined) return new Float64Array(0);
      return Float64Array.from(chunk.samples, (raw) =>
        raw === -32768 ? Number.NaN : raw * channel.scale + channel.offset,
      );
    };
    out.push({ ecg: physical('ECG_II'), pleth: physical('PLETH') });
  }
  return out;
}

/** One device's MLLP connection: sends one message at a time and times its ACK. */
class DeviceConnection {
  private readonly socket: net.Socket;
  private buffered = Buffer.alloc(0);
  private waiting: { sentAt: number; resolve: (code: string) => void } | null = null;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.socket.on('data', (data: Buffer) => this.received(data));
    this.socket.on('error', () => undefined);
  }

  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
  }

  /** Sends `text` and resolves with the ACK's MSA-1 and the latency in ms. */
  send(text: string): Promise<{ code: string; ms: number }> {
    const sentAt = performance.now();
    const done = new Promise<string>((resolve) => (this.waiting = { sentAt, resolve }));
    this.socket.write(Buffer.concat([Buffer.from([START]), Buffer.from(text, 'utf8'), END]));
    return done.then((code) => ({ code, ms: performance.now() - sentAt }));
  }

  close(): void {
    this.socket.destroy();
  }

  private received(data: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, data]);
    for (;;) {
      const end = this.buffered.indexOf(END);
      if (end < 0) return;
      const frame = this.buffered.subarray(this.buffered.indexOf(START) + 1, end).toString('utf8');
      this.buffered = this.buffered.subarray(end + END.length);
      const code = /\rMSA\|(A[AER])/.exec(frame)?.[1] ?? '??';
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.resolve(code);
    }
  }
}

interface PhaseResult {
  phase: string;
  messages_per_s: number;
  accepted_share: number;
  ack_p50_ms: number;
  ack_p99_ms: number;
  gateway_cpu: number;
}

const euiOf = (index: number): string => `00BEEF${index.toString(16).padStart(10, '0').toUpperCase()}`;
const locationOf = (index: number) => ({
  pointOfCare: '4B',
  room: '',
  bed: `BED${String(index + 1).padStart(2, '0')}`,
});

async function station(url: string): Promise<StationSocket> {
  const { accessToken } = await signInDemo(url, 'nurse', 'bench-hl7');
  const socket = io(url, {
    auth: { protocol: GATEWAY_PROTOCOL_VERSION, client: 'stream', stationName: 'bench-hl7', token: accessToken },
    transports: ['websocket'],
  });
  await new Promise((resolve) => socket.once('welcome', resolve));
  await socket.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: true });
  return socket;
}

/** CPU of `gateway` over `ms`, in cores. */
async function cpuOver(
  gateway: GatewayProcess,
  ms: number,
  during: () => Promise<void> = () => sleep(ms),
): Promise<number> {
  const pid = gateway.child.pid as number;
  const before = cpuSeconds(pid);
  const started = performance.now();
  await during();
  return (cpuSeconds(pid) - before) / ((performance.now() - started) / 1000);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs `next(device, n)` on every device for `ms`: each device sends its next message when its ACK came. */
async function drive(
  devices: readonly DeviceConnection[],
  ms: number,
  next: (device: number, n: number) => string | null,
  paceMs: number | null,
): Promise<{ sent: number; accepted: number; latencies: number[] }> {
  const latencies: number[] = [];
  let sent = 0;
  let accepted = 0;
  const until = performance.now() + ms;
  await Promise.all(
    devices.map(async (device, index) => {
      // Devices do not all start on the same millisecond.
      await sleep(paceMs === null ? 0 : (index * paceMs) / devices.length);
      for (let n = 0; performance.now() < until; n += 1) {
        const started = performance.now();
        const text = next(index, n);
        if (text === null) break;
        const { code, ms: latency } = await device.send(text);
        sent += 1;
        if (code === 'AA') accepted += 1;
        latencies.push(latency);
        if (paceMs !== null) await sleep(Math.max(0, paceMs - (performance.now() - started)));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { sent, accepted, latencies };
}

async function phase(
  name: string,
  gateway: GatewayProcess,
  devices: readonly DeviceConnection[],
  next: (device: number, n: number) => string | null,
  paceMs: number | null,
): Promise<PhaseResult> {
  let outcome = { sent: 0, accepted: 0, latencies: [] as number[] };
  const started = performance.now();
  const cpu = await cpuOver(gateway, WINDOW_MS, async () => {
    outcome = await drive(devices, WINDOW_MS, next, paceMs);
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    phase: name,
    messages_per_s: Math.round(outcome.accepted / seconds),
    accepted_share: outcome.sent === 0 ? 0 : round(outcome.accepted / outcome.sent, 4),
    ack_p50_ms: round(percentile(outcome.latencies, 0.5), 2),
    ack_p99_ms: round(percentile(outcome.latencies, 0.99), 2),
    gateway_cpu: round(cpu, 3),
  };
}

async function main(): Promise<void> {
  console.log(`HL7 intake: ${DEVICES} devices on loopback, each on its own MLLP connection, one message in flight.`);
  console.log(`Warm-up ${WARMUP_MS / 1000} s, window ${WINDOW_MS / 1000} s per phase; CPU is the gateway process's.\n`);

  // The baseline: the same ward from the simulator, one station streaming every bed.
  const simulated = await startGatewayProcess(['--port', '0', '--ward', 'Ward 4B', '--beds', String(DEVICES)]);
  const simulatedStation = await station(simulated.url);
  await sleep(WARMUP_MS);
  const simulatorCpu = await cpuOver(simulated, WINDOW_MS);
  simulatedStation.close();
  await simulated.stop();

  const gateway = await startGatewayProcess(
    ['--port', '0', '--ward', 'Ward 4B', '--beds', '0', '--device-beds', String(DEVICES), '--hl7-port', '0'],
    /HL7 \(MLLP\) listening on port \d+/,
  );
  const port = Number(/HL7 \(MLLP\) listening on port (\d+)/.exec(gateway.output())?.[1]);
  const devices = Array.from({ length: DEVICES }, () => new DeviceConnection(port));
  await Promise.all(devices.map((device) => device.ready()));
  const stationSocket = await station(gateway.url);
  const patients = Array.from({ length: 8 }, (_, seed) => recordedSeconds(seed + 1, 30));
  const wardMessage = (device: number, n: number): string => {
    const second = patients[device % patients.length]?.[(n + device) % 30] as {
      ecg: Float64Array;
      pleth: Float64Array;
    };
    return writePcd01({
      deviceId: euiOf(device),
      model: 'BenchMonitor',
      location: locationOf(device),
      controlId: `W${device}-${n}`,
      atMs: Date.now(),
      numerics: { HR: 60 + (device % 40), SPO2: 95 + (device % 5), RR: 14, TEMP: 36.8 },
      waves: [
        { key: 'ECG_II', sampleRate: 250, samples: second.ecg },
        { key: 'PLETH', sampleRate: 125, samples: second.pleth },
      ],
    });
  };
  const numericsMessage = (device: number, n: number): string =>
    writePcd01({
      deviceId: euiOf(device),
      model: 'BenchMonitor',
      location: locationOf(device),
      controlId: `N${device}-${n}`,
      atMs: Date.now(),
      numerics: { HR: 60 + (n % 40), SPO2: 97, RR: 14, NIBP_SYS: 120, NIBP_DIA: 80, NIBP_MEAN: 93 },
    });
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const alarmMessage = (device: number, n: number): string =>
    [
      `MSH|^~\\&|BenchMonitor^${euiOf(device)}^EUI-64|||WARDWATCH|${stamp}+0000||ORU^R40^ORU_R40|A${device}-${n}|P|2.6|||AL|NE||||||IHE_PCD_ACM_001^IHE PCD^1.3.6.1.4.1.19376.1.6.4.4^ISO`,
      `PV1||I|4B^^BED${String(device + 1).padStart(2, '0')}`,
      `OBR|1||AL-${device}-${Math.floor(n / 2)}|196616^MDC_EVT_ALARM^MDC|||${stamp}+0000`,
      'OBX|1|ST|196674^MDC_EVT_LO^MDC|1.2.1.150456.1|SpO2 LOW|||PM~SP|||F',
      'OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.150456.2|84|262688^MDC_DIM_PERCENT^MDC|90-100||||F',
      `OBX|3|ST|68481^MDC_ATTR_EVENT_PHASE^MDC|1.2.1.150456.3|${n % 2 === 0 ? 'start' : 'end'}||||||F`,
      `OBX|4|ST|68482^MDC_ATTR_ALARM_STATE^MDC|1.2.1.150456.4|${n % 2 === 0 ? 'active' : 'inactive'}||||||F`,
    ].join('\r');

  // Warm-up: every device is heard once and finds its bed.
  await drive(devices, WARMUP_MS, wardMessage, 1000);
  const results = [
    await phase('ward (1 msg/s each, numerics + ECG + pleth)', gateway, devices, wardMessage, 1000),
    await phase('2,000 msgs/s offered (numerics)', gateway, devices, numericsMessage, (DEVICES * 1000) / 2000),
    await phase('saturation (numerics, back to back)', gateway, devices, numericsMessage, null),
    await phase('alarm storm (PCD-04, back to back)', gateway, devices, alarmMessage, null),
  ];
  stationSocket.close();
  for (const device of devices) device.close();
  await gateway.stop();

  const header = ['phase', 'msgs/s', 'AA share', 'ACK p50 ms', 'ACK p99 ms', 'gateway cores'];
  console.log(
    `${header[0]?.padEnd(46)}${header
      .slice(1)
      .map((cell) => cell.padStart(14))
      .join('')}`,
  );
  for (const row of results)
    console.log(
      `${row.phase.padEnd(46)}${[row.messages_per_s, row.accepted_share.toFixed(4), row.ack_p50_ms.toFixed(2), row.ack_p99_ms.toFixed(2), row.gateway_cpu.toFixed(3)].map((cell) => String(cell).padStart(14)).join('')}`,
    );
  const [ward, target, saturation, storm] = results as [PhaseResult, PhaseResult, PhaseResult, PhaseResult];
  console.log(
    `\nSame ward from the simulator, one station streaming: gateway ${simulatorCpu.toFixed(3)} cores; from devices over HL7: ${ward.gateway_cpu.toFixed(3)} cores.`,
  );
  console.log(
    `Target: 2,000 messages/s on one core with ACK p99 < 50 ms — ${target.messages_per_s} msgs/s at ${target.gateway_cpu.toFixed(2)} cores, ACK p99 ${target.ack_p99_ms} ms; saturation ${saturation.messages_per_s} msgs/s at ${saturation.gateway_cpu.toFixed(2)} cores.`,
  );
  console.log(
    `BENCH ${JSON.stringify({
      devices: DEVICES,
      messages_per_s: target.messages_per_s,
      ack_p50_ms: target.ack_p50_ms,
      ack_p99_ms: target.ack_p99_ms,
      gateway_cpu: target.gateway_cpu,
      max_messages_per_s: saturation.messages_per_s,
      max_ack_p99_ms: saturation.ack_p99_ms,
      max_gateway_cpu: saturation.gateway_cpu,
      ward_messages_per_s: ward.messages_per_s,
      ward_ack_p99_ms: ward.ack_p99_ms,
      ward_gateway_cpu: ward.gateway_cpu,
      simulator_gateway_cpu: round(simulatorCpu, 3),
      storm_messages_per_s: storm.messages_per_s,
      storm_ack_p99_ms: storm.ack_p99_ms,
      storm_gateway_cpu: storm.gateway_cpu,
    })}`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench:hl7 failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
