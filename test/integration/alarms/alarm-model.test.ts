/**
 * The model-based alarm test, short: a few hundred random sequences against the real engine, journal (PGlite)
 * and station sound decision (test/model/alarm-model-run.ts). The long run is `npm run test:alarm-model`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmJournal } from '../../../gateway/alarms/alarm-journal';
import { openGatewayDatabase, type Database } from '../../../gateway/storage/gateway-database';
import { createRecordingLogger } from '../../support/recording-logger';
import { checkAlarmModel } from '../../model/alarm-model-run';

describe('alarm behaviour against the reference model', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openGatewayDatabase({ kind: 'memory' }, createRecordingLogger());
  }, 60_000);
  afterAll(async () => database.close());

  it('agrees with the model, and no HIGH condition past its delay is silent, over 200 random sequences with clock steps', async () => {
    const statistics = await checkAlarmModel(new AlarmJournal(database), database, 200);
    expect(statistics.sequences).toBeGreaterThanOrEqual(200);
    expect(statistics.highAlarms).toBeGreaterThan(0);
    expect(statistics.acknowledgments).toBeGreaterThan(0);
  }, 240_000);
});
