/** The example messages of test/fixtures/hl7: segments on lines there for reading, carriage returns on the wire. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixture message as HL7 text. */
export function hl7Fixture(name: string): string {
  return readFileSync(join('test', 'fixtures', 'hl7', name), 'utf8')
    .trim()
    .split('\n')
    .join('\r');
}
