/**
 * Which device feeds which bed. A device is known once it sends anything; it feeds a bed by an admin's
 * assignment (kept in the database; it wins, because a monitor wheeled to another room keeps its configured
 * location), else by the location it sends in PV1-3 when that names this ward and one of its device-fed beds.
 * Otherwise it is unassigned: listed on the Station screen for an admin to assign, and its data is shown on no bed
 * — never on a guessed one.
 *
 * A PCD-04 alarm often comes from the device's sending application (MSH-3) rather than naming the equipment
 * (OBX-18) its PCD-01 numerics named; when one sending application has only ever spoken for one device, its alarms
 * are that device's.
 */
import type { DeviceFedBed } from './device-fed-bed';
import type { PatientLocation } from '../hl7/hl7-message';
import { BedLocator, describeLocation } from '../census/bed-location';

/** A device-fed bed of the ward. */
export interface DeviceBedEntry {
  readonly bedId: string;
  readonly label: string;
  readonly source: DeviceFedBed;
}

/** A device as the Station screen lists it. */
export interface DeviceSummary {
  readonly deviceId: string;
  /** What it calls itself (MSH-3's first component), e.g. `AcmeMonitor`. */
  readonly model: string;
  /** The network address it last sent from. */
  readonly sender: string;
  /** PV1-3 as sent, `unit/room/bed`, or null. */
  readonly location: string | null;
  /** The bed it feeds, or null (unassigned). */
  readonly bedId: string | null;
  /** Why it feeds that bed: an admin assigned it, or its location names the bed. */
  readonly assignedBy: 'admin' | 'location' | null;
  readonly lastSeenMs: number;
  readonly messages: number;
}

interface KnownDevice {
  model: string;
  sender: string;
  location: PatientLocation | null;
  lastSeenMs: number;
  messages: number;
}

/** The directory. */
export class DeviceDirectory {
  private readonly devices = new Map<string, KnownDevice>();
  /** Admin assignments: device → bed. */
  private readonly assigned = new Map<string, string>();
  /** Sending application → the only device it has spoken for (null once it spoke for two). */
  private readonly applications = new Map<string, string | null>();
  /** Which bed each device feeds now. */
  private readonly feeding = new Map<string, string>();
  private readonly beds: ReadonlyMap<string, DeviceBedEntry>;
  private readonly locator: BedLocator;

  /**
   * @param wardName the ward's name, matched loosely against PV1-3's point of care (`4B` names "Ward 4B").
   * @param onFeedsChanged told when a bed's devices changed (the census and its alarms follow).
   */
  constructor(
    beds: readonly DeviceBedEntry[],
    wardName: string,
    private readonly onFeedsChanged: (bedId: string) => void,
  ) {
    this.beds = new Map(beds.map((bed) => [bed.bedId, bed]));
    this.locator = new BedLocator(beds, wardName);
  }

  /** Whether the ward has a device-fed bed with this id. */
  hasBed(bedId: string): boolean {
    return this.beds.has(bedId);
  }

  /** Takes the stored assignments (at start-up, once the database is open). */
  adoptAssignments(assignments: readonly { deviceId: string; bedId: string }[]): void {
    for (const { deviceId, bedId } of assignments) if (this.beds.has(bedId)) this.assigned.set(deviceId, bedId);
    for (const deviceId of this.devices.keys()) this.route(deviceId);
  }

  /**
   * A message from `deviceId` arrived: remembers what it is and where it says it is, and returns the bed it feeds
   * (null: unassigned). `application` is the message's sending application (MSH-3).
   */
  heard(
    deviceId: string,
    details: { model: string; sender: string; location: PatientLocation | null; application: string },
    nowMs: number,
  ): DeviceBedEntry | null {
    const known = this.devices.get(deviceId) ?? { model: '', sender: '', location: null, lastSeenMs: 0, messages: 0 };
    known.model = details.model;
    known.sender = details.sender;
    if (details.location !== null) known.location = details.location;
    known.lastSeenMs = nowMs;
    known.messages += 1;
    this.devices.set(deviceId, known);
    if (details.application !== '' && details.application !== deviceId) {
      const spokenFor = this.applications.get(details.application);
      this.applications.set(details.application, spokenFor === undefined || spokenFor === deviceId ? deviceId : null);
    }
    return this.route(deviceId);
  }

  /** The device a sending application speaks for, when it has only ever spoken for one. */
  deviceOfApplication(application: string): string | null {
    return this.applications.get(application) ?? null;
  }

  /** The bed a device feeds now, or null. */
  bedOf(deviceId: string): DeviceBedEntry | null {
    const bedId = this.feeding.get(deviceId);
    return bedId === undefined ? null : (this.beds.get(bedId) ?? null);
  }

  /**
   * An admin assigns a device to a bed (null: unassigns it, so its location decides again). Returns a refusal
   * sentence, or null when done.
   */
  assign(deviceId: string, bedId: string | null): string | null {
    if (bedId !== null && !this.beds.has(bedId))
      return `"${bedId}" is not a bed devices can feed on this ward (only device-fed beds can be assigned)`;
    if (bedId === null) this.assigned.delete(deviceId);
    else this.assigned.set(deviceId, bedId);
    this.route(deviceId);
    return null;
  }

  /** Every device heard or assigned, unassigned ones first, then by bed. */
  list(): DeviceSummary[] {
    const ids = new Set([...this.devices.keys(), ...this.assigned.keys()]);
    return [...ids]
      .map((deviceId): DeviceSummary => {
        const known = this.devices.get(deviceId);
        const bedId = this.feeding.get(deviceId) ?? null;
        return {
          deviceId,
          model: known?.model ?? '',
          sender: known?.sender ?? '',
          location: describeLocation(known?.location ?? null),
          bedId,
          assignedBy: bedId === null ? null : this.assigned.has(deviceId) ? 'admin' : 'location',
          lastSeenMs: known?.lastSeenMs ?? 0,
          messages: known?.messages ?? 0,
        };
      })
      .sort(
        (a, b) => Number(a.bedId !== null) - Number(b.bedId !== null) || (a.bedId ?? '').localeCompare(b.bedId ?? ''),
      );
  }

  /** Puts the device on the bed it should feed now, and tells who cares when that changed. */
  private route(deviceId: string): DeviceBedEntry | null {
    const bedId = this.assigned.get(deviceId) ?? this.locator.bedAt(this.devices.get(deviceId)?.location ?? null);
    const before = this.feeding.get(deviceId) ?? null;
    if (before === bedId) return bedId === null ? null : (this.beds.get(bedId) ?? null);
    const model = this.devices.get(deviceId)?.model ?? '';
    if (before !== null) {
      this.feeding.delete(deviceId);
      this.beds.get(before)?.source.detach(deviceId);
      this.onFeedsChanged(before);
    }
    if (bedId === null) return null;
    this.feeding.set(deviceId, bedId);
    const bed = this.beds.get(bedId) as DeviceBedEntry;
    bed.source.attach(deviceId, model);
    this.onFeedsChanged(bedId);
    return bed;
  }
}
