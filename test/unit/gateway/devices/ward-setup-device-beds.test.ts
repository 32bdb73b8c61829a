/**
 * The options that make a ward with device-fed beds (ward-setup.ts, hl7-arguments.ts): `--device-beds` numbered
 * after the simulated beds, `--beds 0` for a ward of devices only, and each option that cannot be used refused
 * with a sentence that names it.
 */
import { describe, expect, it } from 'vitest';
import { buildWard, wardSetupFromArguments } from '../../../../gateway/ward-setup';
import { alarmManagerFromArguments, hl7OptionsFromArguments } from '../../../../gateway/devices/hl7-arguments';
import { DeviceFedBed } from '../../../../gateway/devices/device-fed-bed';
import { createRecordingLogger } from '../../../support/recording-logger';

describe('a ward with device-fed beds', () => {
  it('numbers device-fed beds after the simulated ones, and makes a ward of devices only with --beds 0', async () => {
    const mixed = await buildWard(
      wardSetupFromArguments({ beds: '2', 'device-beds': '2' }),
      0,
      createRecordingLogger(),
    );
    expect(mixed.map((bed) => [bed.bedId, bed.source.label, bed.source instanceof DeviceFedBed])).toEqual([
      ['bed-01', 'Bed 1', false],
      ['bed-02', 'Bed 2', false],
      ['bed-03', 'Bed 3', true],
      ['bed-04', 'Bed 4', true],
    ]);
    const devicesOnly = await buildWard(
      wardSetupFromArguments({ beds: '0', 'device-beds': '3' }),
      0,
      createRecordingLogger(),
    );
    expect(devicesOnly.map((bed) => bed.source.label)).toEqual(['Bed 1', 'Bed 2', 'Bed 3']);
    await expect(buildWard(wardSetupFromArguments({ beds: '0' }), 0, createRecordingLogger())).rejects.toThrow(
      'the ward has no beds: give --beds or --device-beds a number above 0',
    );
    expect(() => wardSetupFromArguments({ 'device-beds': 'four' })).toThrow(
      '--device-beds takes a number from 0 to 256, got "four"',
    );
  });

  it('reads the HL7 port, its allow list and the alarm manager and EMR addresses, naming what is wrong', () => {
    expect(hl7OptionsFromArguments({ 'hl7-port': '2575' }, null)).toMatchObject({
      port: 2575,
      allowedSenders: { text: '127.0.0.0/8' },
      tls: null,
    });
    expect(() => hl7OptionsFromArguments({ 'hl7-allow': '10.0.0.0/8' }, null)).toThrow(
      '--hl7-allow and --hl7-tls need --hl7-port',
    );
    expect(() => hl7OptionsFromArguments({ 'hl7-port': '2575', 'hl7-tls': true }, null)).toThrow(
      '--hl7-tls needs --tls-cert and --tls-key',
    );
    expect(() => hl7OptionsFromArguments({ 'hl7-port': '2575', 'hl7-allow': '10.1.4.0/33' }, null)).toThrow(
      /not an IPv4/,
    );
    expect(alarmManagerFromArguments({ 'alarm-manager': '10.1.9.20:2576' }, () => '')).toEqual({
      host: '10.1.9.20',
      port: 2576,
    });
    expect(
      alarmManagerFromArguments({ emr: 'emr.hospital.local:6661', 'emr-ca': 'ca.pem' }, () => 'PEM', 'emr'),
    ).toEqual({
      host: 'emr.hospital.local',
      port: 6661,
      caPem: 'PEM',
    });
    expect(() => alarmManagerFromArguments({ emr: 'emr.hospital.local' }, () => '', 'emr')).toThrow(
      '--emr takes host:port (e.g. 10.1.9.20:2576), got "emr.hospital.local"',
    );
    expect(() => alarmManagerFromArguments({ 'alarm-manager-ca': 'ca.pem' }, () => '')).toThrow(
      '--alarm-manager-ca needs --alarm-manager',
    );
  });
});
