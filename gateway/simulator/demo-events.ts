/**
 * What the default simulated ward (no scenario file) does in its first minutes, so that someone trying the station
 * sees its analysis and alarms work without scripting anything: a few beds drift into conditions and (most of them)
 * back. Beds 1–5 stay calm — the ward's first screenful, and the beds the tests use. A scenario file replaces all of
 * this; an empty one (`{ "beds": {} }`) gives a calm ward.
 */
import type { ScenarioName } from './scenarios';

/** Scripted steps by bed id, seconds from the start. */
export const DEMO_EVENTS: ReadonlyMap<string, readonly { atSeconds: number; scenario: ScenarioName }[]> = new Map([
  ['bed-06', [{ atSeconds: 20, scenario: 'pvcs' }]],
  ['bed-09', [{ atSeconds: 40, scenario: 'afib' }]],
  [
    'bed-11',
    [
      { atSeconds: 60, scenario: 'desaturation' },
      { atSeconds: 240, scenario: 'normal' },
    ],
  ],
  [
    'bed-13',
    [
      { atSeconds: 90, scenario: 'vt' },
      { atSeconds: 105, scenario: 'normal' },
    ],
  ],
  [
    'bed-15',
    [
      { atSeconds: 30, scenario: 'motion-artifact' },
      { atSeconds: 90, scenario: 'normal' },
    ],
  ],
]);
