/** FHIR resources as a home device uploads them, for the FHIR API's tests and the fuzz suite's seeds. */

/** A blood-pressure Observation (LOINC panel, IEEE 11073 code), taken 5 min ago, without a subject. */
export const bloodPressureObservation = (systolic: number, diastolic: number, unit = 'mm[Hg]') => ({
  resourceType: 'Observation',
  status: 'final',
  category: [
    { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
  ],
  code: {
    coding: [
      { system: 'http://loinc.org', code: '85354-9', display: 'Blood pressure panel with all children optional' },
      { system: 'urn:iso:std:iso:11073:10101', code: '150020', display: 'MDC_PRESS_BLD_NONINV' },
    ],
  },
  effectiveDateTime: new Date(Date.now() - 5 * 60_000).toISOString(),
  component: [
    {
      code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
      valueQuantity: { value: systolic, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: unit },
    },
    {
      code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
      valueQuantity: { value: diastolic, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: unit },
    },
  ],
});
