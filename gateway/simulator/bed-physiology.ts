/**
 * What every generator of a simulated bed reads: the scenario's targets and the vital signs moving towards them.
 * The bed owns it and is its only writer (scenario changes, settling); the generators only read.
 */
import type { ScenarioTargets } from './scenarios';
import type { Vitals } from './vital-state';

/** The patient's physiology now. */
export interface BedPhysiology {
  readonly targets: ScenarioTargets;
  readonly vitals: Readonly<Vitals>;
}
