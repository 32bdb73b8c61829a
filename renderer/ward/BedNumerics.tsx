/**
 * A bed's numerics in the colours clinicians expect (HR green, SpO2 cyan, RR yellow, arterial pressure red),
 * only those the bed reports, each with the reason when it has no value. Shared by the tile and the detail view.
 */
import type { NumericKey, NumericValues } from '../../common/wire/ward-messages';
import { formatNumeric, formatPressure } from './numeric-display';

/** Numerics shown before a bed has reported any. */
const DEFAULT_NUMERICS: readonly NumericKey[] = ['HR', 'SPO2', 'RR'];

/** Props of {@link BedNumerics}. */
export interface BedNumericsProps {
  /** What the bed last reported (decides which numerics exist), or undefined before its first report. */
  readonly reported: NumericValues | undefined;
  /** The values to show: the report when live, nothing when stale. */
  readonly values: NumericValues;
}

/** The numerics block. */
export function BedNumerics({ reported, values }: BedNumericsProps) {
  const shows = (key: NumericKey): boolean =>
    reported === undefined ? DEFAULT_NUMERICS.includes(key) : reported[key] !== undefined;
  const numeric = (key: NumericKey) => formatNumeric(key, values[key]);
  return (
    <div className="bed-numerics">
      {shows('HR') && <Numeric label="HR" unit="bpm" family="ecg" value={numeric('HR')} testId="num-hr" large />}
      {shows('SPO2') && <Numeric label="SpO₂" unit="%" family="spo2" value={numeric('SPO2')} testId="num-spo2" large />}
      {shows('RR') && <Numeric label="RR" unit="rpm" family="resp" value={numeric('RR')} testId="num-rr" />}
      {shows('TEMP') && <Numeric label="Temp" unit="°C" family="temp" value={numeric('TEMP')} testId="num-temp" />}
      {shows('ABP_SYS') && (
        <Numeric
          label="ART"
          unit="mmHg"
          family="art"
          value={formatPressure(values.ABP_SYS, values.ABP_DIA, values.ABP_MEAN)}
          testId="num-art"
          wide
        />
      )}
      {shows('NIBP_SYS') && (
        <Numeric
          label="NIBP"
          unit="mmHg"
          family="nibp"
          value={formatPressure(values.NIBP_SYS, values.NIBP_DIA, values.NIBP_MEAN)}
          testId="num-nibp"
          wide
        />
      )}
    </div>
  );
}

function Numeric(props: {
  label: string;
  unit: string;
  family: string;
  value: { text: string; note: string | null };
  testId: string;
  large?: boolean;
  wide?: boolean;
}) {
  return (
    <div
      className={`numeric numeric--${props.family}${props.large ? ' numeric--large' : ''}${props.wide ? ' numeric--wide' : ''}`}
    >
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
