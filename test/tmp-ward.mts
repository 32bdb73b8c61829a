import { AnalysedBed } from '../gateway/analysis/analysed-bed';
import { SimulatedBed } from '../gateway/simulator/simulated-bed';
import { BedAlarmTracker } from '../gateway/alarms/bed-alarm-tracker';
import { DEFAULT_WARD_SETTINGS } from '../common/wire/ward-settings';
const policy = DEFAULT_WARD_SETTINGS.alarmPolicy;
const secs = Number(process.argv[2] ?? 120);
for (let index = 0; index < 16; index++) {
  const bed = new AnalysedBed(new SimulatedBed({ seed: 1 * 7919 + index, label: `Bed ${index + 1}`, startMs: 0 }));
  const tracker = new BedAlarmTracker('b', 'b', () => 'x');
  let numerics = {}; const raised: string[] = [];
  for (let ms = 40; ms <= secs * 1000; ms += 40) {
    bed.generate(ms);
    if (ms % 1000 === 0) numerics = bed.numerics(ms);
    if (ms < 1000) continue;
    for (const c of tracker.observe({ numerics, rhythm: bed.rhythm() }, policy, ms)) if (c.kind === 'raised') raised.push(`${(ms / 1000).toFixed(1)}:${c.alarm.condition}(${c.alarm.message})`);
  }
  if (raised.length) console.log(index + 1, bed.rhythm()?.label, raised.join(' '));
}
console.log('done');
