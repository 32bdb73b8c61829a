import { channelKeyForSignal } from '../sources/signal-channel-mapping';

/** A named signal with values. */
export interface NamedSignal {
  readonly name: string;
  readonly sampleRate: number;
  readonly values: Float32Array;
}

/** Leads in the order a monitor prefers them for beat detection: II (or its Holter twin MLII) first. */
const LEAD_PREFERENCE = ['ECG_II', 'ECG_MLII', 'ECG_I', 'ECG_V', 'ECG_V5', 'ECG_III', 'ECG_AVF', 'ECG_V1', 'ECG_V2'];

/** The ECG signal beat detection should use, or undefined when there is none. */
export function pickEcgSignal<S extends NamedSignal>(signals: readonly S[]): S | undefined {
  return rankEcgSignals(signals)[0];
}

/** The ECG signals, best lead for beat detection first. */
export function rankEcgSignals<S extends NamedSignal>(signals: readonly S[]): S[] {
  const ecg = signals.filter((signal) => channelKeyForSignal(signal.name)?.startsWith('ECG_'));
  const rank = (signal: S): number => {
    const position = LEAD_PREFERENCE.indexOf(channelKeyForSignal(signal.name) ?? '');
    return position === -1 ? LEAD_PREFERENCE.length : position;
  };
  return [...ecg].sort((a, b) => rank(a) - rank(b));
}
