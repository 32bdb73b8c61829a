/**
 * How each kind of channel is drawn: its colour (ECG green, SpO2 cyan, resp yellow, pressures red), the
 * smallest vertical span its scale may shrink to (so flat noise is not blown up into a waveform), and the words
 * for a signal the source marks invalid.
 */
import type { ChannelFamily } from '../../common/wire/channel-catalog';

/** Drawing parameters of a channel family. */
export interface TraceStyle {
  readonly color: string;
  readonly minimumSpan: number;
  readonly invalidReason: string;
}

/** Styles by family; colours match theme.css. */
export const TRACE_STYLES: Readonly<Record<ChannelFamily, TraceStyle>> = {
  ecg: { color: '#36e05f', minimumSpan: 1.6, invalidReason: 'LEADS OFF' },
  pleth: { color: '#38d9f5', minimumSpan: 0.05, invalidReason: 'PROBE OFF' },
  resp: { color: '#f5e663', minimumSpan: 0.05, invalidReason: 'NO SIGNAL' },
  pressure: { color: '#ff5a5a', minimumSpan: 40, invalidReason: 'NO SIGNAL' },
};

/** Colour of a stale (flat) trace. */
export const STALE_COLOR = '#5b6672';

/** A trace without data for this long is stale (DESIGN.md §2: within 2 s). */
export const TRACE_STALE_AFTER_MS = 2000;

/** Playback runs this far behind the gateway so that network jitter never starves the sweep. */
export const JITTER_DELAY_MS = 200;

/** Default sweep of a ward tile, seconds. */
export const WARD_SWEEP_SECONDS = 6;

/** Paper speed of the detail view's ECG option, millimetres per second. */
export const PAPER_SPEED_MM_PER_S = 25;

/** CSS pixels per millimetre (CSS defines 96 px per inch). */
export const CSS_PX_PER_MM = 96 / 25.4;
