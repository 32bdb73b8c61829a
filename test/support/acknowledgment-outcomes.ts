/**
 * The judgement of the fault and soak suites on acknowledgments, read from the journal itself: of the
 * acknowledgments a station was told succeeded (by idempotency key), how many have no journal event (lost) and how
 * many more than one (doubled).
 */
import type { Database } from '../../gateway/storage/gateway-database';

/** Lost and doubled among `confirmedKeys`. */
export async function acknowledgmentOutcomes(
  database: Database,
  confirmedKeys: Iterable<string>,
): Promise<{ lost: number; doubled: number }> {
  const { rows } = await database.query<{ key: string; events: number }>(
    "SELECT idempotency_key AS key, count(*) AS events FROM alarm_events WHERE kind = 'acknowledged' AND idempotency_key IS NOT NULL GROUP BY idempotency_key",
  );
  const eventsByKey = new Map(rows.map((row) => [row.key, Number(row.events)]));
  let lost = 0;
  let doubled = 0;
  for (const key of confirmedKeys) {
    const events = eventsByKey.get(key) ?? 0;
    if (events === 0) lost += 1;
    if (events > 1) doubled += 1;
  }
  return { lost, doubled };
}
