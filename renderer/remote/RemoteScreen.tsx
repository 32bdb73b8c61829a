/**
 * The Remote group (issue 16): one tile per patient at home with the latest of each reading, its age and a small
 * trend of the last 14 days — never a sweeping wave, never "live": a reading hours old says how old it is, and one
 * overdue by its schedule says so. A tile's alert (HOME BP HIGH, READING MISSED…) is the one the alarm bar shows.
 * Opening a tile shows each kind's readings over 14 days; a clinician enrolls patients and registers their devices
 * here (a device's secret is shown once, to be entered in the device or its app).
 */
import { useState } from 'react';
import { alarmLabel, type Alarm } from '../../common/alarms/alarm-model';
import { sessionMay } from '../../common/identity/permissions';
import {
  ageInWords,
  readingText,
  READING_KINDS,
  READING_LABELS,
  REMOTE_ALARM_BED_PREFIX,
  remoteAlarmBedOf,
  type ReadingKind,
  type RemoteSummary,
} from '../../common/wire/remote-patients';
import { pageGatewayClock } from '../alarms/gateway-clock-anchor';
import { useSession } from '../auth/use-session';
import { useNow } from '../ward/use-live-numerics';
import { EnrollRemoteForm, RegisterDeviceForm } from './RemoteForms';
import { RemoteTrend } from './RemoteTrend';
import { useRemotePatients } from './use-remote';

/** Props of {@link RemoteScreen}. */
export interface RemoteScreenProps {
  /** Each alarm subject's most urgent alarm (remote patients are `remote-<patientId>`). */
  readonly alarmsByBed: ReadonlyMap<string, Alarm>;
}

/** The screen. */
export function RemoteScreen({ alarmsByBed }: RemoteScreenProps) {
  const session = useSession().data ?? null;
  useNow(30_000);
  const signedIn = session?.user !== null && session?.user !== undefined && !session.locked;
  const remoteAlerts = [...alarmsByBed.entries()]
    .filter(([bedId]) => bedId.startsWith(REMOTE_ALARM_BED_PREFIX))
    .map(([bedId, alarm]) => `${bedId}:${alarm.condition}:${alarm.message}`)
    .join('|');
  const patients = useRemotePatients(signedIn && sessionMay(session, 'history.read'), remoteAlerts);
  const [openId, setOpenId] = useState<string | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const mayManage = sessionMay(session, 'remote.manage');
  if (!signedIn) return <div className="app-message">Sign in to see the ward’s remote patients.</div>;
  if (patients.isError)
    return (
      <div className="app-message app-message--fault" role="alert">
        Remote patients cannot be read now: {patients.error.message}
      </div>
    );
  const list = patients.data ?? [];
  const open = list.find((summary) => summary.patient.patientId === openId);
  const nowMs = pageGatewayClock.now();
  if (open !== undefined)
    return (
      <RemoteDetail
        summary={open}
        nowMs={nowMs}
        mayManage={mayManage}
        alarm={alarmsByBed.get(remoteAlarmBedOf(open.patient.patientId))}
        onClose={() => setOpenId(null)}
      />
    );
  return (
    <section className="remote-screen" aria-label="Remote patients" data-testid="remote-screen">
      <header className="remote-screen__header">
        <h2>Remote patients ({list.length})</h2>
        {mayManage && (
          <button type="button" className="button" onClick={() => setEnrolling(!enrolling)} aria-expanded={enrolling}>
            Enroll a patient
          </button>
        )}
      </header>
      {enrolling && <EnrollRemoteForm onDone={() => setEnrolling(false)} />}
      {patients.isSuccess && list.length === 0 && (
        <p className="panel__detail">No patient is enrolled in remote monitoring.</p>
      )}
      <div className="remote-grid">
        {list.map((summary) => (
          <RemoteTile
            key={summary.patient.patientId}
            summary={summary}
            nowMs={nowMs}
            alarm={alarmsByBed.get(remoteAlarmBedOf(summary.patient.patientId))}
            onOpen={() => setOpenId(summary.patient.patientId)}
          />
        ))}
      </div>
    </section>
  );
}

/** The kinds a tile shows: those measured and those scheduled. */
function shownKinds(summary: RemoteSummary): ReadingKind[] {
  return READING_KINDS.filter(
    (kind) => summary.latest[kind] !== undefined || summary.patient.schedule[kind] !== undefined,
  );
}

function RemoteTile(props: { summary: RemoteSummary; nowMs: number; alarm: Alarm | undefined; onOpen: () => void }) {
  const { summary, nowMs, alarm } = props;
  const { patient } = summary;
  return (
    <article
      className={`remote-tile${alarm === undefined ? '' : ` remote-tile--alert-${alarm.priority.toLowerCase()}`}`}
      data-testid={`remote-${patient.patientId}`}
      aria-label={`${patient.name}, at home${alarm === undefined ? '' : `, alert ${alarmLabel(alarm)}`}`}
    >
      <header className="remote-tile__header">
        <button type="button" className="bed-tile__label" onClick={props.onOpen} title="Open this patient">
          {patient.name}
        </button>
        <span className="bed-tile__patient">{patient.mrn} · at home</span>
        {alarm !== undefined && (
          <span
            className={`bed-tile__alarm bed-tile__alarm--${alarm.priority.toLowerCase()}`}
            data-testid="remote-alert"
            title={alarm.message}
          >
            {alarmLabel(alarm)}
          </span>
        )}
      </header>
      <table className="remote-tile__readings">
        <tbody>
          {shownKinds(summary).map((kind) => (
            <ReadingRow key={kind} summary={summary} kind={kind} nowMs={nowMs} />
          ))}
        </tbody>
      </table>
    </article>
  );
}

function ReadingRow({ summary, kind, nowMs }: { summary: RemoteSummary; kind: ReadingKind; nowMs: number }) {
  const latest = summary.latest[kind];
  const expectedHours = summary.patient.schedule[kind];
  const ageMs = latest === undefined ? null : nowMs - latest.effectiveMs;
  const overdue = expectedHours !== undefined && (ageMs === null || ageMs > expectedHours * 3_600_000);
  return (
    <tr className={overdue ? 'remote-tile__overdue' : undefined} data-testid={`reading-${kind}`}>
      <th scope="row">{READING_LABELS[kind].label}</th>
      <td className="remote-tile__value">
        {latest === undefined ? '—' : readingText(latest)}
        <span className="numeric__unit"> {READING_LABELS[kind].unit}</span>
      </td>
      <td className="remote-tile__age" data-testid="reading-age">
        {ageMs === null ? 'none yet' : ageInWords(ageMs)}
        {overdue && ' · overdue'}
      </td>
      <td>
        <Sparkline points={summary.recent[kind] ?? []} />
      </td>
    </tr>
  );
}

/** A small trend: the last 14 days' readings as a line, scaled to their own range. */
function Sparkline({ points }: { points: readonly { effectiveMs: number; value: number }[] }) {
  if (points.length < 2) return null;
  const width = 100;
  const height = 28;
  const times = points.map((point) => point.effectiveMs);
  const values = points.map((point) => point.value);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [v0, v1] = [Math.min(...values), Math.max(...values)];
  const x = (t: number) => ((t - t0) / Math.max(1, t1 - t0)) * (width - 4) + 2;
  const y = (v: number) => height - 2 - ((v - v0) / Math.max(1e-9, v1 - v0)) * (height - 4);
  return (
    <svg className="remote-sparkline" width={width} height={height} role="img" aria-label="14-day trend">
      <polyline
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        points={points.map((point) => `${x(point.effectiveMs)},${y(point.value)}`).join(' ')}
      />
    </svg>
  );
}

function RemoteDetail(props: {
  summary: RemoteSummary;
  nowMs: number;
  mayManage: boolean;
  alarm: Alarm | undefined;
  onClose: () => void;
}) {
  const { summary, nowMs } = props;
  const { patient } = summary;
  return (
    <section className="remote-detail" aria-label={`${patient.name} at home`} data-testid="remote-detail">
      <header className="bed-detail__header">
        <button type="button" className="app-nav__button" onClick={props.onClose}>
          ← Remote
        </button>
        <h2 className="bed-detail__title">{patient.name}</h2>
        <span className="bed-detail__patient">
          {patient.mrn}
          {patient.birthDate === null ? '' : ` · born ${patient.birthDate}`} · enrolled by {patient.enrolledBy}
        </span>
        {props.alarm !== undefined && (
          <span className={`bed-tile__alarm bed-tile__alarm--${props.alarm.priority.toLowerCase()}`}>
            {alarmLabel(props.alarm)}: {props.alarm.message}
          </span>
        )}
      </header>
      <RemoteTrend summary={summary} />
      <table className="security-table" data-testid="remote-latest">
        <thead>
          <tr>
            <th scope="col">Reading</th>
            <th scope="col">Latest</th>
            <th scope="col">Measured</th>
            <th scope="col">Expected every</th>
          </tr>
        </thead>
        <tbody>
          {shownKinds(summary).map((kind) => {
            const latest = summary.latest[kind];
            return (
              <tr key={kind}>
                <th scope="row">{READING_LABELS[kind].label}</th>
                <td>{latest === undefined ? '—' : `${readingText(latest)} ${READING_LABELS[kind].unit}`}</td>
                <td>
                  {latest === undefined
                    ? 'none yet'
                    : `${new Date(latest.effectiveMs).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })} (${ageInWords(nowMs - latest.effectiveMs)})`}
                </td>
                <td>{summary.patient.schedule[kind] === undefined ? '—' : `${summary.patient.schedule[kind]} h`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Devices</h3>
      <ul data-testid="remote-devices">
        {summary.devices.map((device) => (
          <li key={device.deviceId}>
            {device.model} ({device.deviceId}) —{' '}
            {device.lastUploadMs === null ? 'no upload yet' : `last upload ${ageInWords(nowMs - device.lastUploadMs)}`}
          </li>
        ))}
        {summary.devices.length === 0 && <li>No device registered.</li>}
      </ul>
      {props.mayManage && <RegisterDeviceForm patientId={patient.patientId} />}
    </section>
  );
}
