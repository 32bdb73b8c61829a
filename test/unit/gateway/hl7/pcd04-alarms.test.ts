/**
 * PCD-04 device alarms (issue 15): the facets of each alarm — identifier, event, priority and type (in OBX-8 as
 * today, or the deprecated `L~PM~SP`), its source measurement, phase, state, inactivation — from the shapes senders
 * use, and a specific problem for an alarm that cannot be read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../../../gateway/hl7/hl7-message';
import { readPcd04Alarms } from '../../../../gateway/hl7/pcd04-alarms';

function read(text: string): ReturnType<typeof readPcd04Alarms> {
  const parsed = parseHl7(text);
  if (!parsed.ok) throw new Error(parsed.problem.text);
  return readPcd04Alarms(parsed.message);
}
const fixture = (name: string): string => readFileSync(join('test', 'fixtures', 'hl7', name), 'utf8').trim();

describe('PCD-04 device alarms', () => {
  it('reads a monitor’s SpO2 LOW with its facets', () => {
    expect(read(fixture('pcd04-monitor-spo2-low.hl7'))).toEqual({
      alarms: [
        {
          alarmId: 'AL-77321',
          eventCode: '196674',
          eventText: 'MDC_EVT_LO',
          display: 'SpO2 LOW',
          priority: 'PM',
          type: 'SP',
          phase: 'start',
          state: 'active',
          inactivation: 'enabled',
          source: { code: '150456', text: 'MDC_PULS_OXIM_SAT_O2', value: '84', unit: 'MDC_DIM_PERCENT' },
          startedAtMs: Date.parse('2026-12-01T14:02:05Z'),
        },
      ],
      problems: [],
    });
  });

  it('reads a pump’s occlusion in the deprecated layout: L~PH~ST, the identifier in OBR-2, 68483 without ^MDC', () => {
    const { alarms, problems } = read(fixture('pcd04-pump-occlusion-deprecated.hl7'));
    expect(problems).toEqual([]);
    expect(alarms).toMatchObject([
      {
        alarmId: 'PUMP-OCC-9',
        eventText: 'MDC_EVT_PUMP_OCCL',
        display: 'Occlusion downstream',
        priority: 'PH',
        type: 'ST',
        phase: 'continue',
        inactivation: 'audio-paused',
        source: null,
        startedAtMs: Date.parse('2026-12-01T19:02:58Z'),
      },
    ]);
  });

  it('names what is missing: an unknown phase, no priority, no identifier, no OBR', () => {
    const spo2 = fixture('pcd04-monitor-spo2-low.hl7');
    expect(read(spo2.replace('|start|', '|begun|')).problems[0]?.text).toBe(
      'alarm AL-77321: event phase "begun" is not one of start, start_only, continue, update, escalate, inactivate, deescalate, reset, end, present, stop',
    );
    expect(read(spo2.replace('PM~SP', 'SP')).problems[0]?.text).toBe(
      'alarm AL-77321: no priority (PH/PM/PL/PN) and type (SP/ST/SA) in OBX-8 or their facets',
    );
    expect(read(spo2.replace('AL-77321^AcmeMonitor^ACDE48234567ABCD^EUI-64', '')).problems[0]).toMatchObject({
      location: 'OBR^1^3',
    });
    expect(
      read(
        spo2
          .split('\n')
          .filter((line) => !line.startsWith('OBR'))
          .join('\n'),
      ).problems[0]?.text,
    ).toBe('a PCD-04 message needs an OBR per alarm');
  });
});
