/**
 * One bed on the wall display: label, patient, and the numerics in the colours clinicians expect (HR green,
 * SpO2 cyan, RR yellow, arterial pressure red). A stale tile is greyed with the reason in words, so that old
 * numbers never pass for live ones.
 */
import type { BedDescription, NumericKey } from '../../common/wire/ward-messages';
import type { ReceivedNumerics } from './live-numerics-store';
import { formatNumeric, formatPressure, staleReason } from './numeric-display';

/** Numerics a tile shows before its bed has reported any. */
const DEFAULT_NUMERICS: readonly NumericKey[] = ['HR', 'SPO2', 'RR'];

/** Props of {@link BedTile}. */
export interface BedTileProps {
  readonly bed: BedDescription;
  readonly latest: ReceivedNumerics | undefined;
  readonly nowMs: number;
  readonly streamConnected: boolean;
}

/** The tile. */
export function BedTile({ bed, latest, nowMs, streamConnected }: BedTileProps) {
  const stale = staleReason(latest?.receivedAtMs, nowMs, streamConnected);
  // What the bed reports decides which numerics the tile has (a central station shows only monitored
  // parameters); whether they are live decides if they show values.
  const reported = latest?.numerics.values;
  const values = stale === null ? (reported ?? {}) : {};
  const shows = (key: NumericKey): boolean => reported === undefined ? DEFAULT_NUMERICS.includes(key) : reported[key] !== undefined;
  const numeric = (key: NumericKey) => formatNumeric(key, values[key]);
  const art = formatPressure(values.ABP_SYS, values.ABP_DIA, values.ABP_MEAN);
  const nibp = formatPressure(values.NIBP_SYS, values.NIBP_DIA, values.NIBP_MEAN);
  const patient = bed.patient;
  return (
    <article className={`bed-tile${stale === null ? '' : ' bed-tile--stale'}`} data-testid={`bed-${bed.bedId}`} aria-label={`${bed.label}${stale ? `, ${stale}` : ''}`}>
      <header className="bed-tile__header">
        <span className="bed-tile__label">{bed.label}</span>
        <span className="bed-tile__patient">
          {patient === null ? 'No patient' : `${patient.name}${patient.ageYears === null ? '' : ` · ${patient.ageYears}`}${patient.sex === 'U' ? '' : ` ${patient.sex}`}`}
        </span>
      </header>
      {stale !== null && (
        <div className="bed-tile__stale" data-testid="stale-reason">
          {stale}
        </div>
      )}
      <div className="bed-tile__numerics">
        {shows('HR') && <Numeric label="HR" unit="bpm" family="ecg" value={numeric('HR')} testId="num-hr" large />}
        {shows('SPO2') && <Numeric label="SpO₂" unit="%" family="spo2" value={numeric('SPO2')} testId="num-spo2" large />}
        {shows('RR') && <Numeric label="RR" unit="rpm" family="resp" value={numeric('RR')} testId="num-rr" />}
        {shows('ABP_SYS') && <Numeric label="ART" unit="mmHg" family="art" value={art} testId="num-art" />}
        {shows('NIBP_SYS') && <Numeric label="NIBP" unit="mmHg" family="nibp" value={nibp} testId="num-nibp" />}
        {shows('TEMP') && <Numeric label="Temp" unit="°C" family="temp" value={numeric('TEMP')} testId="num-temp" />}
      </div>
    </article>
  );
}

function Numeric(props: { label: string; unit: string; family: string; value: { text: string; note: string | null }; testId: string; large?: boolean }) {
  return (
    <div className={`numeric numeric--${props.family}${props.large ? ' numeric--large' : ''}`}>
      <span className="numeric__label">
        {props.label} <span className="numeric__unit">{props.unit}</span>
      </span>
      <span className="numeric__value" data-testid={props.testId}>
        {props.value.text}
      </span>
      {props.value.note !== null && <span className="numeric__note">{props.value.note}</span>}
    </div>
  );
}
