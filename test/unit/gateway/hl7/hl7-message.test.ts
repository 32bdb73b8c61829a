/**
 * Reading HL7 v2 values and answering messages (issue 15): values unescaped, allow lists parsed with clear errors,
 * and acknowledgments that a sender's interface engine can match and read (MSA with its control ID, ERR for a
 * refusal, delimiters in the error text escaped).
 */
import { describe, expect, it } from 'vitest';
import { parseAllowedSenders, senderAllowed } from '../../../../gateway/hl7/allowed-senders';
import { buildAck, field, HL7_ERROR, parseHl7, unescapeHl7 } from '../../../../gateway/hl7/hl7-message';

const ORU = [
  'MSH|^~\\&|AcmeInc^ACDE48234567ABCD^EUI-64|4B||WARDWATCH|20261201140211+0000||ORU^R01^ORU_R01|MSG-77|P|2.6',
  'PID|||010-11-1111^^^Hospital^PI~A123^^^HIS^MR||Doe\\F\\Smith^John',
  'OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|80|264864^MDC_DIM_BEAT_PER_MIN^MDC',
].join('\r');

describe('HL7 messages', () => {
  it('reads components and repetitions unescaped', () => {
    const parsed = parseHl7(ORU);
    if (!parsed.ok) throw new Error(parsed.problem.text);
    expect(field(parsed.message, 'MSH', 9, 2)).toBe('R01');
    expect(field(parsed.message, 'MSH', 10)).toBe('MSG-77');
    expect(field(parsed.message, 'PID', 5)).toBe('Doe|Smith');
    expect(field(parsed.message, 'PID', 3, 1, 1)).toBe('A123');
    // Absent repetitions, components, fields and segments read as empty, never as an exception.
    expect(field(parsed.message, 'PID', 3, 1, 5)).toBe('');
    expect(field(parsed.message, 'PID', 5, 9)).toBe('');
    expect(field(parsed.message, 'PID', 40)).toBe('');
    expect(field(parsed.message, 'ZZZ', 1)).toBe('');
    expect(unescapeHl7('a\\S\\b\\T\\c\\R\\d\\E\\e\\X41\\')).toBe('a^b&c~d\\eA');
  });

  it('calls a frame without MSH, or without a type or control ID, a problem with its HL7 error code', () => {
    expect(parseHl7('hello')).toMatchObject({ ok: false, problem: { code: HL7_ERROR.segmentSequence } });
    expect(parseHl7('MSH|^~\\&|A||||x||||P|2.6')).toMatchObject({
      ok: false,
      problem: { code: HL7_ERROR.requiredFieldMissing, location: 'MSH^1^9' },
    });
    expect(parseHl7('MSH|^~\\&|A||||x||ORU^R01|||2.6')).toMatchObject({
      ok: false,
      problem: { location: 'MSH^1^10' },
    });
  });

  it('answers with MSA for the sender’s control ID and, for a refusal, an ERR with the reason escaped', () => {
    const parsed = parseHl7(ORU);
    if (!parsed.ok) throw new Error(parsed.problem.text);
    const now = new Date('2026-12-01T14:02:11.500Z');
    const accepted = buildAck(parsed.message, 'AA', null, now, 'WW1').split('\r');
    expect(accepted[0]).toBe(
      'MSH|^~\\&|WARDWATCH|WARD|AcmeInc^ACDE48234567ABCD^EUI-64|4B|20261201140211+0000||ACK^R01^ACK|WW1|P|2.6',
    );
    expect(accepted.slice(1)).toEqual(['MSA|AA|MSG-77']);
    const refused = buildAck(
      parsed.message,
      'AE',
      { code: HL7_ERROR.tableValueNotFound, location: 'OBX^1^6', text: 'unit "beats|min" unknown' },
      now,
      'WW2',
    ).split('\r');
    expect(refused[1]).toBe('MSA|AE|MSG-77');
    expect(refused[2]).toBe('ERR||OBX^1^6|103^unit "beats\\F\\min" unknown^HL70357|E||||unit "beats\\F\\min" unknown');
    expect(buildAck(null, 'AR', { code: HL7_ERROR.segmentSequence, text: 'not HL7' }, now, 'WW3')).toMatch(
      /^MSH\|\^~\\&\|WARDWATCH\|WARD\|\|\|\d{14}\+0000\|\|ACK\|WW3\|P\|2\.6\rMSA\|AR\|\rERR\|\|\|100\^not HL7/,
    );
  });

  it('parses an allow list of addresses and ranges, and names an entry that is neither', () => {
    const allowed = parseAllowedSenders('10.1.4.0/24, 127.0.0.1');
    expect(senderAllowed(allowed, '10.1.4.200')).toBe(true);
    expect(senderAllowed(allowed, '10.1.5.1')).toBe(false);
    expect(senderAllowed(allowed, '127.0.0.1')).toBe(true);
    expect(senderAllowed(allowed, '127.0.0.2')).toBe(false);
    expect(senderAllowed(allowed, '::1')).toBe(false);
    expect(senderAllowed(parseAllowedSenders('0.0.0.0/0'), '192.168.7.7')).toBe(true);
    expect(() => parseAllowedSenders('10.1.4.0/33')).toThrow(/"10.1.4.0\/33" in the HL7 allow list/);
    expect(() => parseAllowedSenders('monitor-4b')).toThrow(/"monitor-4b"/);
    expect(() => parseAllowedSenders(' , ')).toThrow(/empty/);
  });
});
