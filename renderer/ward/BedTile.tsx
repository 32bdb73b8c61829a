/**
 * One bed on the wall display: label and patient, three sweeping traces (ECG, pleth, resp), the rhythm the
 * gateway's analysis reads (`SINUS 72`, `VTACH 178`) and the numerics. A
 * stale tile greys its numbers with the reason in words, and each stale trace stops flat and grey with its own
 * reason, so that old data never passes for live. Clicking opens the bed's detail view.
 */
import type { BedDescription } from '../../common/wire/ward-messages';
import { alarmLabel, type Alarm } from '../../common/alarms/alarm-model';
import { WaveformPanel } from '../waveform/WaveformPanel';
import { WARD_SWEEP_SECONDS } from '../waveform/trace-style';
import { BedNumerics } from './BedNumerics';
import type { ReceivedNumerics } from './live-numerics-store';
import { staleReason } from './numeric-display';
import { tileChannels } from './tile-channels';
import { EarlyWarningBadge } from './EarlyWarningBadge';

const WARD_SPEED = { seconds: WARD_SWEEP_SECONDS } as const;

/** Props of {@link BedTile}. */
export interface BedTileProps {
  readonly bed: BedDescription;
  readonly latest: ReceivedNumerics | undefined;
  readonly nowMs: number;
  readonly streamConnected: boolean;
  readonly onOpen: (bedId: string) => void;
  /** The bed's most urgent alarm, if any. */
  readonly alarm?: Alarm | undefined;
}

/** The tile. */
export function BedTile({ bed, latest, nowMs, streamConnected, onOpen, alarm }: BedTileProps) {
  if (bed.standby === true) return <StandbyTile bed={bed} onOpen={onOpen} alarm={alarm} />;
  const stale = staleReason(latest?.receivedAtMs, nowMs, streamConnected);
  const reported = latest?.numerics.values;
  const patient = bed.patient;
  const channels = tileChannels(bed);
  return (
    <article
      className={`bed-tile${stale === null ? '' : ' bed-tile--stale'}${alarmClasses(alarm)}`}
      data-testid={`bed-${bed.bedId}`}
      data-alarm={alarm === undefined ? undefined : `${alarm.priority} ${alarm.condition}`}
      aria-label={`${bed.label}${stale ? `, ${stale}` : ''}${alarm === undefined ? '' : `, alarm ${alarmLabel(alarm)}`}`}
    >
      <header className="bed-tile__header">
        <TileLabel bed={bed} onOpen={onOpen} alarm={alarm} />
        {latest?.numerics.rhythm !== undefined && stale === null && (
          <span className="bed-tile__rhythm" data-testid="bed-rhythm" title="Rhythm from the gateway's ECG analysis">
            {latest.numerics.rhythm}
          </span>
        )}
        {latest?.numerics.earlyWarning !== undefined && stale === null && (
          <EarlyWarningBadge score={latest.numerics.earlyWarning} />
        )}
        <span className="bed-tile__patient">
          {patient === null
            ? 'No patient'
            : `${patient.name}${patient.ageYears === null ? '' : ` · ${patient.ageYears}`}${patient.sex === 'U' ? '' : ` ${patient.sex}`}`}
        </span>
      </header>
      <div className="bed-tile__body">
        <div className="bed-tile__traces">
          {channels.length === 0 ? (
            <div className="bed-tile__no-waves">No waveforms (numerics only)</div>
          ) : (
            <WaveformPanel bed={bed.bed} channels={channels.map((channel) => channel.id)} speed={WARD_SPEED} />
          )}
        </div>
        <div className="bed-tile__numerics">
          <BedNumerics reported={reported} values={stale === null ? (reported ?? {}) : {}} />
          {stale !== null && (
            <div className="bed-tile__stale" data-testid="stale-reason">
              {stale}
            </div>
          )}
        </div>
      </div>
    </article>
  );
}

/**
 * A device-fed bed no monitor sends data to: not monitored. It shows neither traces nor numbers (nothing is
 * measured, and a blank trace must not pass for a flat line) and says what to do; the gateway judges nothing about
 * it, but a device's own alarm (a pump's occlusion) still shows.
 */
function StandbyTile({ bed, onOpen, alarm }: Pick<BedTileProps, 'bed' | 'onOpen' | 'alarm'>) {
  return (
    <article
      className={`bed-tile bed-tile--standby${alarmClasses(alarm)}`}
      data-testid={`bed-${bed.bedId}`}
      data-alarm={alarm === undefined ? undefined : `${alarm.priority} ${alarm.condition}`}
      aria-label={`${bed.label}, not monitored`}
    >
      <header className="bed-tile__header">
        <TileLabel bed={bed} onOpen={onOpen} alarm={alarm} />
        <span className="bed-tile__patient">{bed.patient === null ? 'No patient' : bed.patient.name}</span>
      </header>
      <div className="bed-tile__standby" data-testid="bed-standby">
        No monitor sends data here — not monitored. Assign a device on the Station screen.
      </div>
    </article>
  );
}

/** The tile's colour and flash for its most urgent alarm: unacknowledged MEDIUM and HIGH alarms flash. */
function alarmClasses(alarm: Alarm | undefined): string {
  if (alarm === undefined) return '';
  const flashing = alarm.acknowledged === null && alarm.conditionActive && alarm.priority !== 'LOW';
  return ` bed-tile--alarm-${alarm.priority.toLowerCase()}${flashing ? ' alarm--flashing' : ''}`;
}

/** The bed's name (it opens the bed) and its most urgent alarm's label. */
function TileLabel({ bed, onOpen, alarm }: Pick<BedTileProps, 'bed' | 'onOpen' | 'alarm'>) {
  return (
    <>
      <button type="button" className="bed-tile__label" onClick={() => onOpen(bed.bedId)} title="Open this bed">
        {bed.label}
      </button>
      {alarm !== undefined && (
        <span className={`bed-tile__alarm bed-tile__alarm--${alarm.priority.toLowerCase()}`} data-testid="bed-alarm">
          {alarmLabel(alarm)}
        </span>
      )}
    </>
  );
}
