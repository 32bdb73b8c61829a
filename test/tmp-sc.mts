import { AnalysedBed } from '../gateway/analysis/analysed-bed';
import { SimulatedBed } from '../gateway/simulator/simulated-bed';
import { BedAlarmTracker } from '../gateway/alarms/bed-alarm-tracker';
import { DEFAULT_WARD_SETTINGS } from '../common/wire/ward-settings';
const policy = DEFAULT_WARD_SETTINGS.alarmPolicy;
for (const scenario of process.argv.slice(2)) for (const seed of [7919, 7920, 7921, 7922]) {
  const bed = new AnalysedBed(new SimulatedBed({ seed, label: 'B', startMs: 0, script: [{ atMs: 10000, scenario: scenario as never }] }));
  const tracker = new BedAlarmTracker('b', 'b', () => 'x');
  let numerics = {}; const raised: string[] = []; const labels = new Map<string, number>();
  for (let ms = 40; ms <= 120000; ms += 40) {
    bed.generate(ms);
    if (ms % 1000 === 0) { numerics = bed.numerics(ms); const l = bed.rhythm()!.label.split(' ')[0]; if (ms > 15000) labels.set(l, (labels.get(l) ?? 0) + 1); }
    if (ms < 1000) continue;
    for (const c of tracker.observe({ numerics, rhythm: bed.rhythm() }, policy, ms)) if (c.kind === 'raised') raised.push(`${(ms / 1000).toFixed(0)}:${c.alarm.condition}`);
  }
  console.log(scenario, seed, JSON.stringify([...labels]), raised.slice(0, 12).join(' '), raised.length > 12 ? `(+${raised.length - 12})` : '');
}
