/**
 * The ADT census (adt-message.ts, patient-census.ts): A01 admits to the bed PV1-3 names, taking the MRN typed MR,
 * name, birth date, sex and attending; A02 moves the patient (and empties the prior bed), or takes them off the ward
 * when the new unit is another's; A03 and A11 empty the bed; A08 updates wherever the patient lies; A13 brings them
 * back; an event the census does not follow and a location of no bed here are problems, never a guess.
 */
import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../../../gateway/hl7/hl7-message';
import { readAdt } from '../../../../gateway/hl7/adt-message';
import { BedLocator } from '../../../../gateway/census/bed-location';
import { PatientCensus } from '../../../../gateway/census/patient-census';
import { ageOn } from '../../../../gateway/census/census-service';
import { hl7Fixture } from '../../../support/hl7-fixtures';

const fixture = hl7Fixture;
function adt(text: string) {
  const parsed = parseHl7(text);
  if (!parsed.ok) throw new Error(parsed.problem.text);
  const read = readAdt(parsed.message);
  if (!read.ok) throw new Error(read.problem.text);
  return read.adt;
}
const ward = () =>
  new PatientCensus(
    new BedLocator(
      [1, 2, 3].map((n) => ({ bedId: `bed-0${n}`, label: `Bed ${n}` })),
      'Demo Ward 4B',
    ),
  );

describe('ADT census', () => {
  it('admits with the MR-typed MRN, the name, birth date, sex and attending', () => {
    const message = adt(fixture('adt-a01-admit.hl7'));
    expect(message.patient).toEqual({
      mrn: '55501',
      name: 'Nora Reed',
      dateOfBirth: '1958-02-14',
      sex: 'F',
      attending: 'Greg House',
    });
    const census = ward();
    expect(census.apply(message)).toEqual({ ok: true, changedBeds: ['bed-02'], patientLeft: [] });
    expect(census.occupantOf('bed-02')?.mrn).toBe('55501');
    expect(census.occupantOf('bed-01')).toBeUndefined();
    expect(ageOn('1958-02-14', Date.parse('2026-12-01T00:00:00Z'))).toBe(68);
    expect(ageOn('1958-12-14', Date.parse('2026-12-01T00:00:00Z'))).toBe(67);
  });

  it('moves a transferred patient and empties the bed they left; a transfer to another ward takes them off', () => {
    const census = ward();
    census.apply(adt(fixture('adt-a01-admit.hl7')));
    expect(census.apply(adt(fixture('adt-a02-transfer.hl7')))).toEqual({
      ok: true,
      changedBeds: ['bed-02', 'bed-01'],
      patientLeft: ['bed-02'],
    });
    expect(census.occupantOf('bed-01')?.name).toBe('Nora Reed');
    expect(census.occupantOf('bed-02')).toBeNull();
    const out = fixture('adt-a02-transfer.hl7').replace('PV1|1|I|4B^R01^BED01', 'PV1|1|I|ICU^R9^BED09');
    expect(census.apply(adt(out))).toMatchObject({ ok: true, patientLeft: ['bed-01'] });
    expect(census.bedOfPatient('55501')).toBeNull();
  });

  it('empties the bed on discharge and on a cancelled admission; A13 brings the patient back', () => {
    for (const event of ['A03', 'A11']) {
      const census = ward();
      census.apply(adt(fixture('adt-a01-admit.hl7')));
      const discharge = fixture('adt-a03-discharge.hl7').replace(/A03/g, event).replace('4B^R01^BED01', '4B^R02^BED02');
      expect(census.apply(adt(discharge))).toMatchObject({ ok: true, patientLeft: ['bed-02'] });
      expect(census.occupantOf('bed-02')).toBeNull();
    }
    const census = ward();
    census.apply(adt(fixture('adt-a01-admit.hl7')));
    census.apply(adt(fixture('adt-a03-discharge.hl7')));
    census.apply(adt(fixture('adt-a01-admit.hl7').replace(/A01/g, 'A13')));
    expect(census.occupantOf('bed-02')?.mrn).toBe('55501');
  });

  it('updates the patient where they lie (A08), and a new admission to an occupied bed replaces its patient', () => {
    const census = ward();
    census.apply(adt(fixture('adt-a01-admit.hl7')));
    const renamed = fixture('adt-a01-admit.hl7')
      .replace(/A01/g, 'A08')
      .replace('Reed^Nora', 'Reed-Adams^Nora')
      .replace('4B^R02^BED02', '');
    expect(census.apply(adt(renamed))).toMatchObject({ ok: true, changedBeds: ['bed-02'], patientLeft: [] });
    expect(census.occupantOf('bed-02')?.name).toBe('Nora Reed-Adams');
    const other = fixture('adt-a01-admit.hl7')
      .replace('55501^^^HOSP^MR', '60001^^^HOSP^MR')
      .replace('Reed^Nora', 'Stone^Ida');
    expect(census.apply(adt(other))).toMatchObject({ ok: true, patientLeft: ['bed-02'] });
    expect(census.occupantOf('bed-02')?.name).toBe('Ida Stone');
  });

  it('refuses a location of no bed here and an event it does not follow', () => {
    const census = ward();
    const elsewhere = fixture('adt-a01-admit.hl7').replace('4B^R02^BED02', '7^R02^BED02');
    expect(census.apply(adt(elsewhere))).toEqual({
      ok: false,
      reason: 'ADT^A01 for patient 55501: PV1-3 7/R02/BED02 names no bed of this ward',
    });
    const parsed = parseHl7(fixture('adt-a01-admit.hl7').replace(/A01/g, 'A31'));
    if (!parsed.ok) throw new Error('fixture');
    expect(readAdt(parsed.message)).toMatchObject({ ok: false, problem: { code: '201' } });
    const noMrn = parseHl7(fixture('adt-a01-admit.hl7').replace('55501^^^HOSP^MR~998877^^^SSA^SS', ''));
    if (!noMrn.ok) throw new Error('fixture');
    expect(readAdt(noMrn.message)).toMatchObject({ ok: false, problem: { code: '101' } });
  });
});
