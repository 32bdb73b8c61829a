/**
 * The FHIR R4 validator (issue 16) in its own thread: valid vital signs pass; each kind of mistake — a missing
 * required element, a code outside a required binding, a wrong JSON type, an unknown element, a malformed date,
 * an unknown resource type, not an object — is named with where it is.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createFhirValidator } from '../../../gateway/fhir/fhir-validator';

const validator = createFhirValidator();
afterAll(() => validator.close());

const SYSTOLIC = {
  resourceType: 'Observation',
  status: 'final',
  category: [
    { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
  ],
  code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic blood pressure' }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-12-01T10:00:00Z',
  valueQuantity: { value: 182, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
};

describe('the FHIR validator', () => {
  it('passes a valid vital-signs Observation', async () => {
    expect(await validator.validate(SYSTOLIC)).toEqual([]);
  }, 60_000);

  it.each([
    ['a missing status', { ...SYSTOLIC, status: undefined }, /Missing required property/, 'Observation.status'],
    ['a status outside its value set', { ...SYSTOLIC, status: 'bogus' }, /allowed values/, 'Observation.status'],
    ['a value that is a string', { ...SYSTOLIC, valueQuantity: { value: '182' } }, /number/, 'value'],
    ['an unknown element', { ...SYSTOLIC, systolic: 182 }, /additional propert/i, 'Observation'],
    ['a malformed date', { ...SYSTOLIC, effectiveDateTime: 'yesterday' }, /dateTime|pattern/, 'effective'],
    ['an unknown resource type', { ...SYSTOLIC, resourceType: 'Vitals' }, /not an R4 resource type/, 'resourceType'],
    ['not an object', [SYSTOLIC], /JSON object/, ''],
  ])('names %s', async (_kind, resource, diagnostics, where) => {
    const issues = await validator.validate(JSON.parse(JSON.stringify(resource)));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((issue) => diagnostics.test(issue.diagnostics) && issue.expression.includes(where))).toBe(true);
  });
});
