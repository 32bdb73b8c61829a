/**
 * Bad input never crashes the HL7 readers (issue 15): every fixture, cut, spliced and sprinkled with HL7 delimiters
 * at random (fast-check), either parses or is refused with a problem — and the PCD-01, PCD-04, PCD-05 and ADT
 * readers, and the census that applies ADT, return values and problems, never an exception.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../../../gateway/hl7/hl7-message';
import { readPcd01Numerics } from '../../../../gateway/hl7/pcd01-numerics';
import { readPcd01Waveforms } from '../../../../gateway/hl7/pcd01-waveforms';
import { readPcd04Alarms } from '../../../../gateway/hl7/pcd04-alarms';
import { readPcd05Status } from '../../../../gateway/hl7/pcd05-status';
import { readAdt } from '../../../../gateway/hl7/adt-message';
import { BedLocator } from '../../../../gateway/census/bed-location';
import { PatientCensus } from '../../../../gateway/census/patient-census';

const FOLDER = join('test', 'fixtures', 'hl7');
const fixtures = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.hl7'))
  .map((name) => readFileSync(join(FOLDER, name), 'utf8').trim());

const mutation = fc.record({
  fixture: fc.nat(fixtures.length - 1),
  edits: fc.array(
    fc.record({
      at: fc.nat(4000),
      cut: fc.nat(12),
      insert: fc.stringMatching(/^[|^~&\\\r\nA-Z0-9.-]{0,6}$/),
    }),
    { maxLength: 8 },
  ),
});

const census = new PatientCensus(
  new BedLocator(
    [1, 2, 3, 4].map((n) => ({ bedId: `bed-0${n}`, label: `Bed ${n}` })),
    'Demo Ward 4B',
  ),
);

describe('HL7 readers on mangled input', () => {
  it('never throw: a mangled fixture is read or refused with a problem', () => {
    fc.assert(
      fc.property(mutation, ({ fixture, edits }) => {
        let text = fixtures[fixture] as string;
        for (const { at, cut, insert } of edits) {
          const position = at % (text.length + 1);
          text = text.slice(0, position) + insert + text.slice(position + cut);
        }
        const parsed = parseHl7(text);
        if (!parsed.ok) {
          expect(parsed.problem.text.length).toBeGreaterThan(0);
          return;
        }
        expect(() => {
          readPcd01Numerics(parsed.message);
          readPcd01Waveforms(parsed.message);
          readPcd04Alarms(parsed.message);
          readPcd05Status(parsed.message);
          const adt = readAdt(parsed.message);
          if (adt.ok) census.apply(adt.adt);
        }).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });
});
