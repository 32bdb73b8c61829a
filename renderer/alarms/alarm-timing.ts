/**
 * When each alarm was first drawn and first sounded on this page (epoch ms), for the alarm latency benchmark
 * (test/bench/alarm-bench.ts reads `window.wardwatchAlarmTimes`). Bounded: the oldest entries are forgotten.
 */
const MAX_ENTRIES = 2000;
const drawn = new Map<string, number>();
const sounded = new Map<string, number>();

function remember(map: Map<string, number>, alarmId: string, atMs: number): void {
  if (map.has(alarmId)) return;
  map.set(alarmId, atMs);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
}

/** The alarm's item is on screen. */
export function noteAlarmDrawn(alarmId: string, atMs: number): void {
  remember(drawn, alarmId, atMs);
}

/** The alarm's first burst was scheduled. */
export function noteAlarmSounded(alarmId: string, atMs: number): void {
  remember(sounded, alarmId, atMs);
}

(globalThis as { wardwatchAlarmTimes?: () => unknown }).wardwatchAlarmTimes = () => ({
  drawn: Object.fromEntries(drawn),
  sounded: Object.fromEntries(sounded),
});
