/**
 * Which device feeds which bed (device-directory.ts): PV1-3 names a bed only when its point of care is this ward;
 * an admin's assignment beats the location; unassigning lets the location decide again; a sending application
 * that speaks for one device names it for that device's alarms, and for none once it spoke for two.
 */
import { describe, expect, it } from 'vitest';
import { DeviceDirectory } from '../../../../gateway/devices/device-directory';
import { DeviceFedBed } from '../../../../gateway/devices/device-fed-bed';

function ward() {
  const changed: string[] = [];
  const beds = [3, 4, 5].map((n) => ({ bedId: `bed-0${n}`, label: `Bed ${n}`, source: new DeviceFedBed(`Bed ${n}`) }));
  const directory = new DeviceDirectory(beds, 'Ward 4B', (bedId) => changed.push(bedId));
  return { beds, directory, changed };
}
const at = (pointOfCare: string, bed: string, application = '') => ({
  model: 'AcmeMonitor',
  sender: '127.0.0.1',
  location: { pointOfCare, room: '', bed },
  application,
});

describe('DeviceDirectory', () => {
  it('maps BED04, Bed 4 and 4 to the ward’s Bed 4 when the point of care is this ward (or not given)', () => {
    const { directory, beds, changed } = ward();
    expect(directory.heard('A', at('4B', 'BED04'), 1)?.bedId).toBe('bed-04');
    expect(directory.heard('B', at('', '5'), 1)?.bedId).toBe('bed-05');
    expect(directory.heard('C', at('Ward 4B', 'bed 3'), 1)?.bedId).toBe('bed-03');
    expect(beds[1]?.source.devices()).toEqual(['A']);
    expect(changed).toEqual(['bed-04', 'bed-05', 'bed-03']);
  });

  it('puts a device of another ward, or of a bed this ward does not have, on no bed', () => {
    const { directory } = ward();
    expect(directory.heard('A', at('7', 'BED04'), 1)).toBeNull();
    expect(directory.heard('B', at('4B', 'BED12'), 1)).toBeNull();
    expect(directory.heard('C', { ...at('', ''), location: null }, 1)).toBeNull();
    expect(directory.list().map((device) => [device.deviceId, device.bedId])).toEqual([
      ['A', null],
      ['B', null],
      ['C', null],
    ]);
  });

  it('lets an admin’s assignment beat the location, and the location decide again once it is taken back', () => {
    const { directory, beds } = ward();
    directory.heard('A', at('4B', 'BED04'), 1);
    expect(directory.assign('A', 'bed-05')).toBeNull();
    expect(directory.bedOf('A')?.bedId).toBe('bed-05');
    expect(beds[1]?.source.standby()).toBe(true);
    expect(directory.list()[0]).toMatchObject({ deviceId: 'A', bedId: 'bed-05', assignedBy: 'admin' });
    expect(directory.assign('A', null)).toBeNull();
    expect(directory.list()[0]).toMatchObject({ bedId: 'bed-04', assignedBy: 'location' });
    expect(directory.assign('A', 'bed-01')).toMatch(/not a bed devices can feed/);
  });

  it('takes stored assignments at start-up, also for a device heard before the database opened', () => {
    const { directory } = ward();
    directory.heard('A', at('7', 'BED04'), 1);
    directory.adoptAssignments([
      { deviceId: 'A', bedId: 'bed-03' },
      { deviceId: 'GONE', bedId: 'bed-99' },
    ]);
    expect(directory.bedOf('A')?.bedId).toBe('bed-03');
    expect(directory.list().map((device) => device.deviceId)).toEqual(['A']);
  });

  it('names a sending application’s device only while it has spoken for one', () => {
    const { directory } = ward();
    directory.heard('MON-1', at('4B', 'BED04', 'GW-1'), 1);
    expect(directory.deviceOfApplication('GW-1')).toBe('MON-1');
    directory.heard('MON-2', at('4B', 'BED05', 'GW-1'), 2);
    expect(directory.deviceOfApplication('GW-1')).toBeNull();
  });
});
