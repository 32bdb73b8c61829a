/**
 * `npm run test:alarm-model [-- --runs N --seed S]`: the long run of the model-based alarm test (10 000 random
 * sequences by default) against the real engine, journal (PGlite) and station sound decision. Prints a table and,
 * last, `BENCH {...}`; a failing sequence is printed shrunk and the command exits 1.
 */
import { AlarmJournal } from '../../gateway/alarms/alarm-journal';
import { openGatewayDatabase } from '../../gateway/storage/gateway-database';
import { createRecordingLogger } from '../support/recording-logger';
import { checkAlarmModel } from './alarm-model-run';

function option(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  const value = index < 0 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? undefined : value;
}

const runs = option('--runs') ?? 10_000;
const seed = option('--seed');
const database = await openGatewayDatabase({ kind: 'memory' }, createRecordingLogger());
const started = performance.now();
let failure: string | null = null;
let statistics = { sequences: 0, steps: 0, checks: 0, acknowledgments: 0, highAlarms: 0 };
try {
  statistics = await checkAlarmModel(new AlarmJournal(database), database, runs, seed);
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
}
const ms = Math.round(performance.now() - started);
await database.close();

console.log('model-based alarm test (engine + journal on PGlite + station sound, against the reference model)');
console.log(`${'sequences'.padEnd(28)}${runs}`);
console.log(`${'steps'.padEnd(28)}${statistics.steps}`);
console.log(`${'checks after a step'.padEnd(28)}${statistics.checks}`);
console.log(`${'acknowledgments journaled'.padEnd(28)}${statistics.acknowledgments}`);
console.log(`${'HIGH conditions checked'.padEnd(28)}${statistics.highAlarms}`);
console.log(`${'result'.padEnd(28)}${failure === null ? 'every check held' : 'FAILED'}`);
console.log(`${'time'.padEnd(28)}${(ms / 1000).toFixed(1)} s`);
if (failure !== null) console.log(`\n${failure}\n`);
console.log(
  `BENCH ${JSON.stringify({ sequences: runs, steps: statistics.steps, checks: statistics.checks, failures: failure === null ? 0 : 1, ms })}`,
);
process.exit(failure === null ? 0 : 1);
