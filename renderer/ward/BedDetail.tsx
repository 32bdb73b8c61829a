/**
 * One bed, large: every channel it streams (all ECG leads, pleth, resp, arterial and pulmonary pressures) as its
 * own sweep, and its numerics. The sweep can run at the standard 25 mm/s paper speed, as on an ECG printout.
 */
import { useState } from 'react';
import type { BedDescription } from '../../common/wire/ward-messages';
import { WaveformPanel, type SweepSpeed } from '../waveform/WaveformPanel';
import { PAPER_SPEED_MM_PER_S, WARD_SWEEP_SECONDS } from '../waveform/trace-style';
import { BedNumerics } from './BedNumerics';
import type { ReceivedNumerics } from './live-numerics-store';
import { staleReason } from './numeric-display';
import { useStationServices } from '../app/station-context';
import { useSession } from '../auth/use-session';
import { sessionMay } from '../../common/identity/permissions';
import { TrendPanel } from './TrendPanel';
import { EarlyWarningPanel } from './EarlyWarningPanel';

/** Props of {@link BedDetail}. */
export interface BedDetailProps {
  readonly bed: BedDescription;
  readonly latest: ReceivedNumerics | undefined;
  readonly nowMs: number;
  readonly streamConnected: boolean;
  readonly onClose: () => void;
}

const SPEEDS: readonly { label: string; speed: SweepSpeed }[] = [
  { label: `${WARD_SWEEP_SECONDS} s sweep`, speed: { seconds: WARD_SWEEP_SECONDS } },
  { label: `${PAPER_SPEED_MM_PER_S} mm/s`, speed: { mmPerSecond: PAPER_SPEED_MM_PER_S } },
];

/** The detail view. */
export function BedDetail({ bed, latest, nowMs, streamConnected, onClose }: BedDetailProps) {
  const [speedIndex, setSpeedIndex] = useState(0);
  const stale = staleReason(latest?.receivedAtMs, nowMs, streamConnected);
  const reported = latest?.numerics.values;
  const speed = (SPEEDS[speedIndex] ?? SPEEDS[0])?.speed as SweepSpeed;
  const { bridge } = useStationServices();
  const session = useSession();
  const [sent, setSent] = useState<string | null>(null);
  const [showTrends, setShowTrends] = useState(false);
  const mayExport = sessionMay(session.data ?? null, 'vitals.export');
  const sendVitals = async (): Promise<void> => {
    const result = await bridge.api.sendVitals({ bedId: bed.bedId });
    setSent(
      result.ok
        ? result.value.beds === 0
          ? 'No valid vitals to send now'
          : `Vitals sent to the EMR at ${new Date().toLocaleTimeString('en-GB')}`
        : result.error.message,
    );
  };
  return (
    <section className="bed-detail" data-testid={`detail-${bed.bedId}`} aria-label={`${bed.label} detail`}>
      <header className="bed-detail__header">
        <button type="button" className="app-nav__button" onClick={onClose}>
          ← Ward
        </button>
        <h2 className="bed-detail__title">{bed.label}</h2>
        <span className="bed-detail__patient">
          {bed.patient === null
            ? 'No patient'
            : `${bed.patient.name} · ${bed.patient.mrn}${bed.patient.ageYears === null ? '' : ` · ${bed.patient.ageYears}`}${bed.patient.sex === 'U' ? '' : ` ${bed.patient.sex}`}${bed.patient.attending === null || bed.patient.attending === undefined ? '' : ` · attending ${bed.patient.attending}`}`}
        </span>
        <button
          type="button"
          className={`app-nav__button${showTrends ? ' app-nav__button--active' : ''}`}
          aria-pressed={showTrends}
          onClick={() => setShowTrends(!showTrends)}
        >
          Trends
        </button>
        {mayExport && (
          <button type="button" className="button" onClick={() => void sendVitals()} data-testid="send-vitals">
            Send vitals to EMR
          </button>
        )}
        {sent !== null && (
          <span className="bed-detail__sent" role="status" data-testid="vitals-sent">
            {sent}
          </span>
        )}
        <div className="bed-detail__speeds" role="group" aria-label="Sweep speed">
          {SPEEDS.map((entry, index) => (
            <button
              key={entry.label}
              type="button"
              className={`app-nav__button${index === speedIndex ? ' app-nav__button--active' : ''}`}
              aria-pressed={index === speedIndex}
              onClick={() => setSpeedIndex(index)}
            >
              {entry.label}
            </button>
          ))}
        </div>
      </header>
      {showTrends && session.data?.user !== null && session.data?.user !== undefined && (
        <TrendPanel bedId={bed.bedId} />
      )}
      <div className="bed-detail__body">
        <div className="bed-detail__traces">
          <WaveformPanel
            key={speedIndex}
            bed={bed.bed}
            channels={bed.channels.map((channel) => channel.id)}
            speed={speed}
            lineWidth={1.5}
          />
        </div>
        <div className="bed-detail__numerics">
          <BedNumerics reported={reported} values={stale === null ? (reported ?? {}) : {}} />
          {stale !== null && <div className="bed-tile__stale">{stale}</div>}
          <EarlyWarningPanel
            bedId={bed.bedId}
            score={stale === null ? (latest?.numerics.earlyWarning ?? null) : null}
          />
        </div>
      </div>
    </section>
  );
}
