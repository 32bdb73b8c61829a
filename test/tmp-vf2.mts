import { AnalysedBed } from '../gateway/analysis/analysed-bed';
import { SimulatedBed } from '../gateway/simulator/simulated-bed';
const out: string[] = [];
for (let seed = 7919; seed < 7935; seed++) {
  const bed = new AnalysedBed(new SimulatedBed({ seed, label: 'B', startMs: 0, script: [{ atMs: 10000, scenario: 'vf' }] }));
  for (let ms = 40; ms <= 20000; ms += 40) { bed.generate(ms); if (bed.rhythm()!.findings.has('VF')) { out.push(((ms - 10000) / 1000).toFixed(2)); break; } }
}
console.log('VF detected s after switch:', out.join(' '));
