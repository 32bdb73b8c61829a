/**
 * A recording's patient as its header comments describe them (de-identified: age and sex only). PhysioNet
 * databases write this differently: MIT-BIH `# 69 M 1085 1629 x1`, PTB `# age: 81` / `# sex: female`,
 * MIMIC `# <age>: 60 <sex>: F`.
 */
import type { BedDescription } from '../../common/wire/ward-messages';

/** The census patient for a recording. */
export function patientFromComments(
  recordName: string,
  comments: readonly string[],
): NonNullable<BedDescription['patient']> {
  const text = comments.join('\n');
  let age: number | null = null;
  let sex: 'F' | 'M' | 'U' = 'U';
  const mitbih = /^(\d{1,3})\s+([MF])\b/m.exec(text);
  const labelledAge = /<?age>?:\s*(\d{1,3})/i.exec(text);
  const labelledSex = /<?sex>?:\s*(female|male|[FM])\b/i.exec(text);
  if (mitbih !== null) {
    age = Number(mitbih[1]);
    sex = mitbih[2] as 'F' | 'M';
  }
  if (labelledAge !== null) age = Number(labelledAge[1]);
  if (labelledSex !== null) sex = (labelledSex[1] as string).toUpperCase().startsWith('F') ? 'F' : 'M';
  return {
    name: `Recording ${recordName}`,
    mrn: recordName.slice(0, 32),
    ageYears: age !== null && age <= 130 ? age : null,
    sex,
  };
}
