/**
 * PCD-05 dissemination status (pcd05-status.ts): ORU^R41 with the recipient in PRT (person and phone), ORA^R41 with
 * the recipient in OBX-16, statuses in managers' words, and each unreadable report named.
 */
import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../../../gateway/hl7/hl7-message';
import { readPcd05Status } from '../../../../gateway/hl7/pcd05-status';
import { hl7Fixture } from '../../../support/hl7-fixtures';

const fixture = hl7Fixture;
function read(text: string) {
  const parsed = parseHl7(text);
  if (!parsed.ok) throw new Error(parsed.problem.text);
  return readPcd05Status(parsed.message);
}

describe('PCD-05 status', () => {
  it('reads delivered to a nurse’s phone from ORU^R41 with a PRT', () => {
    expect(read(fixture('pcd05-delivered-oru-r41.hl7'))).toEqual({
      reports: [{ alarmId: 'a-ALARM-ID', status: 'delivered', recipient: 'Ana Nurse (phone 4411)' }],
      problems: [],
    });
  });

  it('reads "Accepted by user" from ORA^R41 with the alarm in OBR-2 and the recipient in OBX-16', () => {
    expect(read(fixture('pcd05-accepted-ora-r41.hl7')).reports).toEqual([
      { alarmId: 'a-ALARM-ID', status: 'accepted', recipient: 'Ben Charge' },
    ]);
  });

  it('names a status it does not know and an alarm without an identifier', () => {
    const delivered = fixture('pcd05-delivered-oru-r41.hl7');
    expect(read(delivered.replace('|delivered|', '|teleported|')).problems[0]).toMatchObject({ code: '103' });
    expect(read(delivered.replace('|a-ALARM-ID^WARDWATCH|', '||')).problems[0]?.text).toBe(
      'no alarm identifier (OBR-3)',
    );
    for (const [words, status] of [
      ['Delivered to device', 'delivered'],
      ['Read at device', 'read'],
      ['Rejected by user', 'rejected'],
      ['Undeliverable', 'undeliverable'],
      ['Cancelled', 'cancelled'],
    ] as const)
      expect(read(delivered.replace('|delivered|', `|${words}|`)).reports[0]?.status).toBe(status);
  });
});
