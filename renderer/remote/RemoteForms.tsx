/**
 * Enrolling a patient in remote monitoring — MRN, name, birth date, the readings expected and how often, the
 * thresholds (the programme's defaults, changed where the clinician decides) — and registering a device to them,
 * whose secret is shown this once to be entered in the device or its app (the gateway keeps only its hash).
 */
import { useState, type FormEvent } from 'react';
import {
  DEFAULT_REMOTE_THRESHOLDS,
  READING_KINDS,
  READING_LABELS,
  type ReadingKind,
  type RemoteSchedule,
  type RemoteThresholds,
} from '../../common/wire/remote-patients';
import { useRemoteActions } from './use-remote';

const THRESHOLD_FIELDS: readonly { key: keyof RemoteThresholds; label: string }[] = [
  { key: 'systolicHigh', label: 'Systolic above (mmHg)' },
  { key: 'systolicLow', label: 'Systolic below (mmHg)' },
  { key: 'glucoseLowMgDl', label: 'Glucose below (mg/dL)' },
  { key: 'glucoseHighMgDl', label: 'Glucose above (mg/dL)' },
  { key: 'spo2Low', label: 'SpO2 below (%)' },
  { key: 'weightGainKg', label: 'Weight gain over (kg)' },
  { key: 'weightGainHours', label: '… within (hours)' },
];
const DEFAULT_SCHEDULE: RemoteSchedule = { 'blood-pressure': 26, weight: 30 };

/** The enrollment form. */
export function EnrollRemoteForm({ onDone }: { readonly onDone: () => void }) {
  const { enroll } = useRemoteActions();
  const [mrn, setMrn] = useState('');
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [thresholds, setThresholds] = useState<Record<keyof RemoteThresholds, string>>(
    () =>
      Object.fromEntries(
        Object.entries(DEFAULT_REMOTE_THRESHOLDS).map(([key, value]) => [key, value === null ? '' : String(value)]),
      ) as Record<keyof RemoteThresholds, string>,
  );
  const [schedule, setSchedule] = useState<RemoteSchedule>(DEFAULT_SCHEDULE);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const limits = Object.fromEntries(
      THRESHOLD_FIELDS.map(({ key }) => [key, thresholds[key].trim() === '' ? null : Number(thresholds[key])]),
    ) as RemoteThresholds;
    limits.weightGainHours ??= DEFAULT_REMOTE_THRESHOLDS.weightGainHours;
    enroll.mutate(
      {
        mrn: mrn.trim(),
        name: name.trim(),
        birthDate: birthDate === '' ? null : birthDate,
        thresholds: limits,
        schedule,
      },
      { onSuccess: onDone },
    );
  };
  const setHours = (kind: ReadingKind, text: string): void => {
    const next = { ...schedule };
    if (text.trim() === '') delete next[kind];
    else next[kind] = Number(text);
    setSchedule(next);
  };
  return (
    <form className="panel remote-form" onSubmit={submit} aria-label="Enroll a remote patient">
      <label>
        MRN
        <input value={mrn} onChange={(event) => setMrn(event.target.value)} required maxLength={32} />
      </label>
      <label>
        Name (FAMILY, Given)
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={80} />
      </label>
      <label>
        Born
        <input type="date" value={birthDate} onChange={(event) => setBirthDate(event.target.value)} />
      </label>
      <fieldset>
        <legend>Expected at least every (hours; empty: not expected)</legend>
        {READING_KINDS.map((kind) => (
          <label key={kind}>
            {READING_LABELS[kind].label}
            <input
              inputMode="numeric"
              size={4}
              value={schedule[kind] === undefined ? '' : String(schedule[kind])}
              onChange={(event) => setHours(kind, event.target.value)}
            />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Alert when (empty: not watched)</legend>
        {THRESHOLD_FIELDS.map(({ key, label }) => (
          <label key={key}>
            {label}
            <input
              inputMode="decimal"
              size={5}
              value={thresholds[key]}
              onChange={(event) => setThresholds({ ...thresholds, [key]: event.target.value })}
            />
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button--primary" disabled={enroll.isPending}>
        Enroll
      </button>
      {enroll.isError && <span role="alert">{enroll.error.message}</span>}
    </form>
  );
}

/** Registers a device to a patient and shows its secret once. */
export function RegisterDeviceForm({ patientId }: { readonly patientId: string }) {
  const { register } = useRemoteActions();
  const [model, setModel] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    register.mutate({ patientId, model: model.trim() });
  };
  return (
    <form className="remote-form" onSubmit={submit} aria-label="Register a device">
      <label>
        Device model
        <input value={model} onChange={(event) => setModel(event.target.value)} required maxLength={64} />
      </label>
      <button type="submit" className="button" disabled={register.isPending}>
        Register device
      </button>
      {register.isError && <span role="alert">{register.error.message}</span>}
      {register.data !== undefined && (
        <p role="status" data-testid="device-secret">
          Device <code>{register.data.deviceId}</code>, secret <code>{register.data.secret}</code> — enter both in the
          device now; the secret is not shown again.
        </p>
      )}
    </form>
  );
}
