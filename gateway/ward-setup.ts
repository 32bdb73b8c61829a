/**
 * Builds the ward a gateway serves from its options: a simulated ward of N beds (seeded, optionally scripted) or
 * the recordings under a path. Shared by `npm run gateway` and the gateway the station embeds.
 */
import type { Logger } from '../common/logging/logger';
import type { ScenarioName } from './simulator/scenarios';
import { DEMO_EVENTS } from './simulator/demo-events';
import { readScenarioScript } from './simulator/scenario-script';
import { SimulatedBed } from './simulator/simulated-bed';
import { loadRecordingWard } from './sources/recording-ward';
import { DeviceFedBed } from './devices/device-fed-bed';
import type { WardBed } from './streaming/ward-registry';

/** Where the beds come from. */
export type WardSource = { readonly kind: 'sim' } | { readonly kind: 'record'; readonly path: string };

/** How to build the ward. */
export interface WardSetup {
  readonly source: WardSource;
  /** Number of simulated beds. */
  readonly beds: number;
  readonly seed: number;
  readonly scenarioFile: string | null;
  /** Beds fed by real devices over HL7, after the simulated or recorded ones (issue 15). */
  readonly deviceBeds: number;
  /**
   * The span of the medians NEWS2 is scored from (seconds; 300 by default). Shorter only for training and tests,
   * where five minutes of a scenario is too long to wait for.
   */
  readonly news2WindowSeconds?: number;
}

/** Default ward: 16 simulated beds. */
export const DEFAULT_WARD_SETUP: WardSetup = {
  source: { kind: 'sim' },
  beds: 16,
  seed: 1,
  scenarioFile: null,
  deviceBeds: 0,
};

/** Most simulated beds one gateway serves. */
export const MAX_SIMULATED_BEDS = 256;

/**
 * Parses `--source`: `sim`, or `record:<path>` (a folder, a .hea file or a record path without extension).
 * @throws Error saying what the option takes.
 */
export function parseWardSource(text: string): WardSource {
  if (text === 'sim') return { kind: 'sim' };
  if (text.startsWith('record:') && text.length > 'record:'.length)
    return { kind: 'record', path: text.slice('record:'.length) };
  throw new Error(`--source takes "sim" or "record:<folder or record>", got "${text}"`);
}

/**
 * Parses `--beds` (or, with `option`, another bed count). `--beds 0` is a ward of device-fed beds only.
 * @throws Error when not a whole number from 0 to {@link MAX_SIMULATED_BEDS}.
 */
export function parseBedCount(text: string, option = '--beds'): number {
  const beds = Number(text);
  if (!/^\d+$/.test(text) || beds > MAX_SIMULATED_BEDS)
    throw new Error(`${option} takes a number from 0 to ${MAX_SIMULATED_BEDS}, got "${text}"`);
  return beds;
}

/** Builds the ward's beds, starting at `startMs`. @throws Error when no bed could be built. */
export async function buildWard(setup: WardSetup, startMs: number, logger: Logger): Promise<WardBed[]> {
  const beds = await buildSourceBeds(setup, startMs, logger);
  // Device-fed beds are numbered on from the others: "Bed 17" after 16 simulated ones.
  for (let index = 0; index < setup.deviceBeds; index += 1) {
    const number = beds.length + 1;
    beds.push({ bedId: `bed-${String(number).padStart(2, '0')}`, source: new DeviceFedBed(`Bed ${number}`) });
  }
  if (beds.length === 0) throw new Error('the ward has no beds: give --beds or --device-beds a number above 0');
  return beds;
}

async function buildSourceBeds(setup: WardSetup, startMs: number, logger: Logger): Promise<WardBed[]> {
  if (setup.source.kind === 'record') {
    const ward = await loadRecordingWard(setup.source.path, startMs);
    for (const problem of ward.problems) logger.error('recording left out', { problem });
    for (const bed of ward.beds) {
      if (bed.unmappedSignals.length > 0)
        logger.info('signals not shown', { bed: bed.label, signals: bed.unmappedSignals.join(',') });
    }
    if (ward.beds.length === 0)
      throw new Error(
        `no playable recording under ${setup.source.path}${ward.problems.length > 0 ? `: ${ward.problems[0]}` : ''}`,
      );
    return ward.beds.map((source) => ({ bedId: `rec-${source.label}`, source }));
  }
  // Without a scenario file the demo ward's own events play (simulator/demo-events.ts).
  const script: ReadonlyMap<string, readonly { atSeconds: number; scenario: ScenarioName }[]> =
    setup.scenarioFile === null ? DEMO_EVENTS : await readScenarioScript(setup.scenarioFile);
  const beds: WardBed[] = [];
  for (let index = 0; index < setup.beds; index += 1) {
    const bedId = `bed-${String(index + 1).padStart(2, '0')}`;
    const steps = script.get(bedId) ?? [];
    beds.push({
      bedId,
      source: new SimulatedBed({
        seed: setup.seed * 7919 + index,
        label: `Bed ${index + 1}`,
        startMs,
        script: steps.map((step) => ({ atMs: startMs + step.atSeconds * 1000, scenario: step.scenario })),
      }),
    });
  }
  for (const id of script.keys())
    if (setup.scenarioFile !== null && !beds.some((bed) => bed.bedId === id))
      logger.warn('scenario script names a bed the ward does not have', { bedId: id });
  return beds;
}

/** Command-line options that describe the ward (`node:util` parseArgs format), shared by gateway and station. */
export const WARD_ARGUMENTS = {
  source: { type: 'string' },
  beds: { type: 'string' },
  seed: { type: 'string' },
  'scenario-file': { type: 'string' },
  'device-beds': { type: 'string' },
  'news2-window': { type: 'string' },
} as const;

/** The ward setup from parsed {@link WARD_ARGUMENTS}. @throws Error naming the bad option. */
export function wardSetupFromArguments(values: Readonly<Record<string, string | boolean | undefined>>): WardSetup {
  const text = (name: string): string | undefined => {
    const value = values[name];
    if (value !== undefined && typeof value !== 'string') throw new Error(`--${name} needs a value`);
    return value;
  };
  const seedText = text('seed');
  if (seedText !== undefined && !/^\d{1,9}$/.test(seedText))
    throw new Error(`--seed takes a whole number, got "${seedText}"`);
  const bedsText = text('beds');
  const sourceText = text('source');
  const deviceBedsText = text('device-beds');
  const windowText = text('news2-window');
  if (windowText !== undefined && !(/^\d{1,4}$/.test(windowText) && Number(windowText) >= 10))
    throw new Error(`--news2-window takes seconds, at least 10 (the default is 300), got "${windowText}"`);
  return {
    source: sourceText === undefined ? DEFAULT_WARD_SETUP.source : parseWardSource(sourceText),
    beds: bedsText === undefined ? DEFAULT_WARD_SETUP.beds : parseBedCount(bedsText),
    seed: seedText === undefined ? DEFAULT_WARD_SETUP.seed : Number(seedText),
    scenarioFile: text('scenario-file') ?? null,
    deviceBeds: deviceBedsText === undefined ? 0 : parseBedCount(deviceBedsText, '--device-beds'),
    ...(windowText === undefined ? {} : { news2WindowSeconds: Number(windowText) }),
  };
}
