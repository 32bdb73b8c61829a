/**
 * Remote patients, their devices and their readings in the gateway database (migration 15), the same SQL for
 * PGlite and PostgreSQL. A row that no longer reads as the schema says is skipped and counted, never thrown.
 */
import {
  remotePatientSchema,
  remoteReadingSchema,
  type RemoteDevice,
  type RemotePatient,
  type RemoteReading,
} from '../../common/wire/remote-patients';
import type { Database } from '../storage/gateway-database';

/** A stored reading with its patient and the FHIR resource as the device sent it (with the id we gave it). */
export interface StoredReading {
  readonly patientId: string;
  readonly reading: RemoteReading;
  readonly resource: Record<string, unknown>;
  readonly receivedMs: number;
}

/** The remote_* tables. */
export class RemoteStore {
  constructor(private readonly database: Database) {}

  /** Enrolls a patient; false when one with that MRN already is. */
  async enroll(patient: RemotePatient): Promise<boolean> {
    const { rows } = await this.database.query<{ patient_id: string }>(
      `INSERT INTO remote_patients (patient_id, mrn, record) VALUES ($1, $2, $3)
       ON CONFLICT (mrn) DO NOTHING RETURNING patient_id`,
      [patient.patientId, patient.mrn, JSON.stringify(patient)],
    );
    return rows.length === 1;
  }

  /** Every enrolled patient, and how many rows could not be read. */
  async patients(): Promise<{ patients: RemotePatient[]; unreadable: number }> {
    const { rows } = await this.database.query<{ record: unknown }>(
      'SELECT record FROM remote_patients ORDER BY patient_id',
    );
    const patients: RemotePatient[] = [];
    for (const row of rows) {
      const parsed = remotePatientSchema.safeParse(row.record);
      if (parsed.success) patients.push(parsed.data);
    }
    return { patients, unreadable: rows.length - patients.length };
  }

  /** Registers a device to a patient with the hash of its secret. */
  async addDevice(device: Omit<RemoteDevice, 'lastUploadMs'>, secretHash: string): Promise<void> {
    await this.database.query(
      'INSERT INTO remote_devices (device_id, patient_id, model, secret_hash) VALUES ($1, $2, $3, $4)',
      [device.deviceId, device.patientId, device.model, secretHash],
    );
  }

  /** Every registered device with its secret's hash. */
  async devices(): Promise<(RemoteDevice & { secretHash: string })[]> {
    const { rows } = await this.database.query<{
      device_id: string;
      patient_id: string;
      model: string;
      secret_hash: string;
      last_upload_ms: string | number | null;
    }>('SELECT device_id, patient_id, model, secret_hash, last_upload_ms FROM remote_devices ORDER BY device_id');
    return rows.map((row) => ({
      deviceId: row.device_id,
      patientId: row.patient_id,
      model: row.model,
      secretHash: row.secret_hash,
      lastUploadMs: row.last_upload_ms === null ? null : Number(row.last_upload_ms),
    }));
  }

  /** Keeps a reading and notes the device's upload, in one transaction. */
  async addReading(stored: StoredReading): Promise<void> {
    await this.database.transaction(async (query) => {
      await query(
        `INSERT INTO remote_readings (reading_id, patient_id, device_id, kind, effective_ms, received_ms, reading, resource)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          stored.reading.readingId,
          stored.patientId,
          stored.reading.deviceId,
          stored.reading.kind,
          Math.round(stored.reading.effectiveMs),
          Math.round(stored.receivedMs),
          JSON.stringify(stored.reading),
          JSON.stringify(stored.resource),
        ],
      );
      await query('UPDATE remote_devices SET last_upload_ms = $2 WHERE device_id = $1', [
        stored.reading.deviceId,
        Math.round(stored.receivedMs),
      ]);
    });
  }

  /** A patient's readings measured from `fromMs` to `toMs`, oldest first (at most `limit`, the newest). */
  async readings(patientId: string, fromMs: number, toMs: number, limit = 10_000): Promise<StoredReading[]> {
    const { rows } = await this.database.query<ReadingRow>(
      `SELECT * FROM (SELECT patient_id, reading, resource, received_ms, effective_ms FROM remote_readings
         WHERE patient_id = $1 AND effective_ms >= $2 AND effective_ms <= $3
         ORDER BY effective_ms DESC LIMIT $4) AS newest ORDER BY effective_ms`,
      [patientId, Math.floor(fromMs), Math.ceil(toMs), limit],
    );
    return readingsOf(rows);
  }

  /** One reading by its id, or null. */
  async reading(readingId: string): Promise<StoredReading | null> {
    const { rows } = await this.database.query<ReadingRow>(
      'SELECT patient_id, reading, resource, received_ms FROM remote_readings WHERE reading_id = $1',
      [readingId],
    );
    return readingsOf(rows)[0] ?? null;
  }
}

interface ReadingRow {
  patient_id: string;
  reading: unknown;
  resource: Record<string, unknown>;
  received_ms: string | number;
}

function readingsOf(rows: readonly ReadingRow[]): StoredReading[] {
  const stored: StoredReading[] = [];
  for (const row of rows) {
    const parsed = remoteReadingSchema.safeParse(row.reading);
    if (parsed.success)
      stored.push({
        patientId: row.patient_id,
        reading: parsed.data,
        resource: row.resource,
        receivedMs: Number(row.received_ms),
      });
  }
  return stored;
}
