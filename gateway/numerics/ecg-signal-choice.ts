import { ECG_LEAD_PREFERENCE } from '../../common/wire/channel-catalog';
import { channelKeyForSignal } from '../sources/signal-channel-mapping';

/** A named signal with values. */
export interface NamedSignal {
  readonly name: string;
  readonly sampleRate: number;
  readonly values: Float32Array;
}

/** The ECG signal beat detection should use, or undefined when there is none. */
export function pickEcgSignal<S extends NamedSignal>(signals: readonly S[]): S | undefined {
  return rankEcgSignals(signals)[0];
}

/** The ECG signals, best lead for beat detection first. */
export function rankEcgSignals<S extends NamedSignal>(signals: readonly S[]): S[] {
  const ecg = signals.filter((signal) => channelKeyForSignal(signal.name)?.startsWith('ECG_'));
  const rank = (signal: S): number => {
    const key = channelKeyForSignal(signal.name);
    const position = key === undefined ? -1 : ECG_LEAD_PREFERENCE.indexOf(key);
    return position === -1 ? ECG_LEAD_PREFERENCE.length : position;
  };
  return [...ecg].sort((a, b) => rank(a) - rank(b));
}
