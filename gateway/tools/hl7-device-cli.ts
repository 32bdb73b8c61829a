/**
 * `npm run hl7:device -- [--to 127.0.0.1:2575] [--bed BED04] [--unit 4B] [--device 0123456789ABCDEF] [--seed 1]
 * [--scenario vf] [--seconds 0]`: a test bedside monitor. It plays one of the simulator's patients and sends what
 * a monitor's HL7 gateway would — one IHE PCD-01 message a second with its numerics and a second of ECG II, V,
 * pleth and respiration as NA arrays — to the gateway's HL7 port, waiting for each ACK, and prints what the
 * gateway answered when it is not AA (e.g. "not assigned to a bed"). For trying device beds and for IT's checks;
 * `--seconds 0` runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { createConsoleLogger, describeError } from '../../common/logging/logger';
import { NO_SAMPLE } from '../../common/wire/waveform-frame';
import { SimulatedBed } from '../simulator/simulated-bed';
import { SCENARIO_NAMES, type ScenarioName } from '../simulator/scenarios';
import { MllpSender } from '../hl7/mllp-sender';
import { alarmManagerFromArguments } from '../devices/hl7-arguments';
import { writePcd01, type WaveToWrite } from '../hl7/pcd01-writer';

const logger = createConsoleLogger('hl7-device');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      to: { type: 'string', default: '127.0.0.1:2575' },
      bed: { type: 'string', default: 'BED01' },
      unit: { type: 'string', default: '' },
      device: { type: 'string', default: '0123456789ABCDEF' },
      seed: { type: 'string', default: '1' },
      scenario: { type: 'string' },
      seconds: { type: 'string', default: '0' },
    },
    strict: true,
  });
  const target = alarmManagerFromArguments({ 'alarm-manager': values.to }, () => '');
  if (target === null) throw new Error('--to takes host:port');
  const scenario = values.scenario;
  if (scenario !== undefined && !(SCENARIO_NAMES as readonly string[]).includes(scenario))
    throw new Error(`--scenario takes one of ${SCENARIO_NAMES.join(', ')}, got "${scenario}"`);
  const startMs = Date.now();
  const bed = new SimulatedBed({
    seed: Number(values.seed),
    label: 'HL7 device',
    startMs,
    script: scenario === undefined ? [] : [{ atMs: startMs, scenario: scenario as ScenarioName }],
  });
  const sender = new MllpSender({ target, ackTimeoutMs: 5000, capacity: 10, logger });
  const seconds = Number(values.seconds);
  console.log(
    `Sending PCD-01 for device ${values.device} at ${values.unit}/${values.bed} to ${values.to} every second`,
  );
  let second = 0;
  let lastSent = startMs;
  const timer = setInterval(() => {
    const now = Date.now();
    const chunks = bed.generate(now);
    const waves: WaveToWrite[] = chunks.flatMap((chunk) => {
      const channel = bed.channels.find((candidate) => candidate.key === chunk.key);
      if (channel === undefined) return [];
      const samples = Float64Array.from(chunk.samples, (raw) =>
        raw === NO_SAMPLE ? Number.NaN : raw * channel.scale + channel.offset,
      );
      return [{ key: chunk.key, sampleRate: channel.sampleRate, samples }];
    });
    const measured = bed.numerics(now);
    const numerics = Object.fromEntries(
      Object.entries(measured).flatMap(([key, value]) =>
        value?.value === null || value === undefined ? [] : [[key, value.value]],
      ),
    );
    const text = writePcd01({
      deviceId: values.device,
      model: 'WardWatchTestMonitor',
      location: { pointOfCare: values.unit, room: '', bed: values.bed },
      controlId: `DEV-${now}-${(second += 1)}`,
      atMs: now,
      numerics,
      wavesStartMs: lastSent,
      waves,
    });
    lastSent = now;
    void sender.send(text).then((outcome) => {
      if (outcome.code !== 'AA')
        console.log(
          `${new Date().toISOString().slice(11, 19)} ${outcome.code}: ${/\rERR\|[^\r]*\|([^|\r]*)$/m.exec('ack' in outcome ? outcome.ack : '')?.[1] ?? 'dropped'}`,
        );
    });
    if (seconds > 0 && second >= seconds) stop();
  }, 1000);
  const stop = (): void => {
    clearInterval(timer);
    setTimeout(() => {
      sender.close();
      process.exit(0);
    }, 500);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`the test device could not start: ${describeError(error)}`);
  process.exit(1);
});
