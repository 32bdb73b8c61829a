/**
 * A bed's waveform analysis — the same for a simulated bed, a replayed recording or a device: every ECG lead
 * through its own QRS detector, beat classifier, quality judge and fibrillation features (ecg-lead-analyzer.ts),
 * every ABP and pleth through a pulse detector (pulse-analyzer.ts), respiration through the breath counter. From
 * what the waves show it derives the heart rate, pulse rate, respiration rate and arterial pressures, and decides
 * the rhythm: the lethal and extreme-rate calls (rhythm-rules.ts) on the leads that are good, each lethal call
 * checked against the pulse signals — and every decision carries its reasons (which leads, which pulse signal,
 * their quality) for the alarm's details, the suppressed ones included.
 *
 * It reads nothing but samples, their validity and their channel: no source's script or answer (issue 12's
 * "no oracle"; test/unit/gateway/analysis/no-oracle.test.ts).
 */
import type { AlarmConditionKey } from '../../common/alarms/alarm-model';
import { channelByKey, ECG_LEAD_PREFERENCE, type ChannelKey } from '../../common/wire/channel-catalog';
import { FRAME_FLAGS, NO_SAMPLE } from '../../common/wire/waveform-frame';
import type { NumericValue } from '../../common/wire/ward-messages';
import { summarizePressure } from '../numerics/pressure-summary';
import { RespirationRateEstimator } from '../numerics/respiration-rate';
import { SampleRing } from '../numerics/sample-ring';
import type { NumericValues } from '../sources/bed-source';
import { ANALYSIS_WINDOW_SECONDS, EcgLeadAnalyzer, type ClassifiedBeat } from './ecg-lead-analyzer';
import { fibrillatoryEverySecond, looksFibrillatory, type FibrillationFeatures } from './fibrillation-features';
import type { LeadQuality } from './lead-quality';
import { median } from './median';
import { PulseAnalyzer, type PulseEvidence } from './pulse-analyzer';
import {
  ASYSTOLE_SECONDS,
  extremeBradyRate,
  extremeTachyRate,
  longestRecentInterval,
  PAUSE_SECONDS,
  medianRateOverLast,
  rateOverLast,
  recentVentricularRun,
  rhythmIrregularity,
  IRREGULARITY_THRESHOLD,
  secondsWithoutBeat,
  ventricularRun,
  ventricularTachycardiaRate,
  VT_BEATS,
  VT_RATE,
} from './rhythm-rules';

/** A channel as the analysis needs it. */
export interface AnalysedChannel {
  readonly key: ChannelKey;
  readonly sampleRate: number;
}

/** The extreme-rate limits of the bed's policy. */
export interface RhythmLimits {
  readonly extremeLowBpm: number;
  readonly extremeHighBpm: number;
}

/** One lead's state in a decision. */
export interface LeadReport {
  readonly lead: ChannelKey;
  readonly state: LeadQuality['state'];
  readonly reason: string;
  /** Beats in the last 4 s, and seconds since its last beat. */
  readonly beats: number;
  readonly sinceBeatS: number;
}

/** Why the analysis decided what it did: the leads, the pulse signals. */
export interface AnalysisReasons {
  readonly leads: readonly LeadReport[];
  readonly pulses: readonly PulseEvidence[];
  /** The lead the call was made on, if one. */
  readonly decidedOn: ChannelKey | null;
}

/** A condition the waves show. */
export interface RhythmFinding {
  readonly message: string;
  readonly reasons: AnalysisReasons;
  /** How long it must last before it alarms, beyond its definition (advisories: not every couplet is an alarm). */
  readonly delayAtLeastSeconds?: number;
  /** The rhythm's own rate where it has one (a VT run's), /min: the tile's label and HR show it. */
  readonly rateBpm?: number;
}

/** A lethal or extreme call that other signals contradicted: not an alarm, but never silent (it is journaled). */
export interface SuppressedCall {
  readonly condition: AlarmConditionKey;
  /** E.g. "ABP pulsatile 78/min". */
  readonly why: string;
  readonly reasons: AnalysisReasons;
}

/** What the analysis says now. */
export interface RhythmAssessment {
  /** For the tile, e.g. `SINUS 72`, `AFIB 110`, `VTACH 178`, `VFIB`, `ASYSTOLE`, `ARTIFACT`, `LEARNING`. */
  readonly label: string;
  readonly findings: ReadonlyMap<AlarmConditionKey, RhythmFinding>;
  readonly suppressed: readonly SuppressedCall[];
}

/**
 * Advisory delays: ectopy must outlast the 1.5 s after it (the onset of VF or VT begins with "couplets" that its own
 * alarm supersedes); an irregular rhythm must last 30 s before AFIB is an alarm (bedside monitors wait as long).
 */
const ECTOPY_DELAY_SECONDS = 1.5;
/** A couplet or run stands this long after its last beat (so that its delay can pass). */
const ECTOPY_HOLD_SECONDS = 3;
const AFIB_DELAY_SECONDS = 30;
/** Median correlation of a run's consecutive beats below which it is chaotic, not ventricular tachycardia. */
const MONOMORPHIC_LIKENESS = 0.6;
/** How far back inside its limit an extreme rate must come before it ends. */
const EXTREME_HYSTERESIS_BPM = 3;
/** Seconds fibrillatory windows must agree before VF is called. */
const VF_CONFIRM_SECONDS = 2;
/** Seconds a VF call holds without a fibrillatory window (features dip between windows), or against an organized rhythm. */
const VF_HOLD_SECONDS = 3;
/** A respiration rate this close to the heart rate is cardiovascular artifact. */
const CARDIAC_ARTIFACT_SHARE = 0.1;
/** The fastest rhythm that counts as organized (ventricular flutter is 250–350/min). */
const ORGANIZED_MAX_RATE = 200;
const ORGANIZED_BEATS = 4;
/** Seconds of pulse signal a confirmation looks at: the span of the ECG evidence (4 s without QRS, a 4 s window). */
const PULSE_WINDOW_SECONDS = 4;
/** Seconds a lead needs before its verdicts count (the detector learns for 2 s). */
const LEAD_WARMUP_SECONDS = 5;
/** A gap longer than this starts the channel's analysis afresh. */
const RESTART_GAP_SECONDS = 10;
/** Seconds of arterial pressure the ABP numerics summarize. */
const ABP_WINDOW_SECONDS = 4;
/** Seconds after which the heart rate reads 0 without a beat. */
const NO_BEAT_SECONDS = 6;

interface LeadSlot {
  readonly key: ChannelKey;
  readonly sampleRate: number;
  analyzer: EcgLeadAnalyzer;
  next: number;
  invalidRun: number;
}

interface PulseSlot {
  readonly key: 'ABP' | 'PLETH';
  readonly sampleRate: number;
  analyzer: PulseAnalyzer;
  next: number;
}

/** The analysis of one bed. */
export class BedWaveformAnalysis {
  private readonly leads: LeadSlot[] = [];
  private fibrillatorySinceS: number | null = null;
  private lastFibrillatoryS = -Infinity;
  private organizedSinceS: number | null = null;
  private vfBlockedUntilS = -Infinity;
  /** Whether extreme brady / tachy stood at the last look (for their hysteresis). */
  private extremeBrady = false;
  private extremeTachy = false;
  private readonly pulses: PulseSlot[] = [];
  private readonly respiration: { estimator: RespirationRateEstimator; sampleRate: number } | null = null;
  private readonly abpRing: { ring: SampleRing; sampleRate: number; count: number } | null = null;

  constructor(channels: readonly AnalysedChannel[]) {
    const ranked = [...channels].sort((a, b) => rank(a.key) - rank(b.key));
    for (const channel of ranked) {
      const family = channelByKey(channel.key).family;
      if (family === 'ecg')
        this.leads.push({
          key: channel.key,
          sampleRate: channel.sampleRate,
          analyzer: new EcgLeadAnalyzer(channel.sampleRate),
          next: 0,
          invalidRun: 0,
        });
      else if (channel.key === 'ABP' || channel.key === 'PLETH')
        this.pulses.push({
          key: channel.key,
          sampleRate: channel.sampleRate,
          analyzer: new PulseAnalyzer(channel.sampleRate, channel.key),
          next: 0,
        });
      else if (channel.key === 'RESP' && this.respiration === null)
        this.respiration = {
          estimator: new RespirationRateEstimator(channel.sampleRate),
          sampleRate: channel.sampleRate,
        };
      if (channel.key === 'ABP')
        this.abpRing = {
          ring: new SampleRing(Math.ceil(channel.sampleRate * ABP_WINDOW_SECONDS)),
          sampleRate: channel.sampleRate,
          count: 0,
        };
    }
  }

  /** Whether the bed has an ECG the analysis reads. */
  hasEcg(): boolean {
    return this.leads.length > 0;
  }

  /**
   * Takes a channel's new samples (physical units; NaN for a missing one) starting at `firstSampleIndex` of that
   * channel; `valid` false when the device flagged them invalid (leads off, probe off).
   */
  ingest(key: ChannelKey, firstSampleIndex: number, values: ArrayLike<number>, valid: boolean): void {
    const lead = this.leads.find((slot) => slot.key === key);
    if (lead !== undefined) {
      this.bridgeGap(
        lead,
        firstSampleIndex,
        (start) => new EcgLeadAnalyzer(lead.sampleRate, start),
        (analyzer) => analyzer.push(Number.NaN, false),
      );
      for (let i = 0; i < values.length; i += 1) lead.analyzer.push(values[i] as number, valid);
      lead.next = firstSampleIndex + values.length;
      lead.invalidRun = valid ? 0 : lead.invalidRun + values.length;
      return;
    }
    const pulse = this.pulses.find((slot) => slot.key === key);
    if (pulse !== undefined) {
      this.bridgeGap(
        pulse,
        firstSampleIndex,
        (start) => new PulseAnalyzer(pulse.sampleRate, pulse.key, start),
        (analyzer) => analyzer.push(Number.NaN, false),
      );
      for (let i = 0; i < values.length; i += 1) pulse.analyzer.push(values[i] as number, valid);
      pulse.next = firstSampleIndex + values.length;
    }
    if (key === 'RESP' && this.respiration !== null)
      for (let i = 0; i < values.length; i += 1)
        this.respiration.estimator.push(valid ? (values[i] as number) : Number.NaN);
    if (key === 'ABP' && this.abpRing !== null) {
      for (let i = 0; i < values.length; i += 1)
        this.abpRing.ring.set(this.abpRing.count++, valid ? (values[i] as number) : Number.NaN);
    }
  }

  /** Missing samples become invalid ones; a long gap (a monitor unplugged for minutes) starts the channel afresh. */
  private bridgeGap<A>(
    slot: { next: number; sampleRate: number; analyzer: A },
    first: number,
    fresh: (startS: number) => A,
    missing: (analyzer: A) => void,
  ): void {
    const gap = first - slot.next;
    if (gap <= 0) return;
    if (gap > RESTART_GAP_SECONDS * slot.sampleRate) slot.analyzer = fresh(first / slot.sampleRate);
    else for (let i = 0; i < gap; i += 1) missing(slot.analyzer);
    slot.next = first;
  }

  /** The numerics the waves give: HR, PULSE, RR and ABP, each only where its wave exists. */
  derivedNumerics(nowMs: number, assessment: RhythmAssessment): NumericValues {
    const values: NumericValues = {};
    if (this.leads.length > 0) {
      const heart = this.heartRate(assessment);
      values.HR = derived(heart.bpm, 'bpm', nowMs, heart.note);
    }
    const pleth = this.pulses.find((slot) => slot.key === 'PLETH');
    if (pleth !== undefined) {
      const evidence = pleth.analyzer.evidence(8);
      const rate = !evidence.valid
        ? null
        : evidence.pulses < 2 &&
            pleth.analyzer.pulsesSince(pleth.analyzer.nowS() - 10).length === 0 &&
            pleth.analyzer.nowS() > 10
          ? 0
          : evidence.rate;
      values.PULSE = derived(rate, 'bpm', nowMs, evidence.valid ? 'LEARNING' : 'NO SIGNAL');
    }
    if (this.respiration !== null) {
      const rr = this.respiration.estimator.rate();
      const hr = values.HR?.value ?? null;
      // Cardiovascular artifact: the heartbeat rides on an impedance wave; "breaths" at the heart rate are the
      // heart, not breathing (monitors report apnea then, rather than a rate).
      const cardiac = rr !== null && hr !== null && hr > 40 && Math.abs(rr - hr) <= CARDIAC_ARTIFACT_SHARE * hr;
      values.RR = derived(rr === null ? null : cardiac ? 0 : Math.round(rr), 'rpm', nowMs, 'LEARNING');
    }
    if (this.abpRing !== null) {
      const { ring, count } = this.abpRing;
      const window = Math.min(count, ring.size);
      const stats = summarizePressure(window, (i) => ring.get(count - window + i), this.abpRing.sampleRate);
      values.ABP_SYS = derived(stats?.max ?? null, 'mmHg', nowMs, 'NO SIGNAL');
      values.ABP_DIA = derived(stats?.min ?? null, 'mmHg', nowMs, 'NO SIGNAL');
      values.ABP_MEAN = derived(stats?.mean ?? null, 'mmHg', nowMs, 'NO SIGNAL');
    }
    return values;
  }

  /** The heart rate from the good lead with the most regular recent beats. */
  private heartRate(assessment: RhythmAssessment): { bpm: number | null; note: string | null } {
    if (assessment.findings.has('LEADS_OFF')) return { bpm: null, note: 'LEADS OFF' };
    if (assessment.findings.has('VF')) return { bpm: null, note: 'VF' };
    if (assessment.findings.has('ASYSTOLE')) return { bpm: 0, note: null };
    // In VT the heart rate is the run's, as on the tile's label (a mean over the beats before would lag it).
    const vtRate = assessment.findings.get('VT')?.rateBpm;
    if (vtRate !== undefined) return { bpm: vtRate, note: null };
    const best = this.bestLead();
    if (best === null)
      return {
        bpm: null,
        note: this.leads.some((slot) => slot.analyzer.seenSeconds() < LEAD_WARMUP_SECONDS) ? 'LEARNING' : 'ARTIFACT',
      };
    const beats = best.analyzer.beats();
    if (
      secondsWithoutBeat(beats, best.analyzer.nowS(), best.analyzer.nowS() - best.analyzer.seenSeconds()) >
      NO_BEAT_SECONDS
    )
      return { bpm: 0, note: null };
    // The rate of the beats since the last gap of asystole's length (a heart that just restarted has no rate of
    // the time before).
    let since = beats.length;
    while (
      since > 1 &&
      (beats[since - 1] as ClassifiedBeat).timeS - (beats[since - 2] as ClassifiedBeat).timeS < ASYSTOLE_SECONDS &&
      beats.length - since < 8
    )
      since -= 1;
    const recent = beats.slice(since - 1);
    const rate = rateOverLast(recent, Math.min(9, recent.length));
    return rate === null ? { bpm: null, note: 'LEARNING' } : { bpm: Math.round(rate), note: null };
  }

  /** Good leads past their warm-up, most regular first (preference order breaks ties). */
  private goodLeads(): LeadSlot[] {
    return this.leads.filter(
      (slot) => slot.analyzer.seenSeconds() >= LEAD_WARMUP_SECONDS && slot.analyzer.quality().state === 'good',
    );
  }

  private bestLead(): LeadSlot | null {
    let best: LeadSlot | null = null;
    let bestVariation = Infinity;
    for (const slot of this.goodLeads()) {
      const variation = intervalVariation(slot.analyzer.beats());
      if (best === null || variation + 0.03 < bestVariation) {
        best = slot;
        bestVariation = variation;
      }
    }
    return best;
  }

  /** Decides the rhythm now. */
  assess(limits: RhythmLimits): RhythmAssessment {
    const findings = new Map<AlarmConditionKey, RhythmFinding>();
    const suppressed: SuppressedCall[] = [];
    if (this.leads.length === 0) return { label: '', findings, suppressed };
    const qualities = new Map(this.leads.map((slot) => [slot, slot.analyzer.quality()]));
    const leadReports = this.leads.map((slot): LeadReport => {
      const quality = qualities.get(slot) as LeadQuality;
      const nowS = slot.analyzer.nowS();
      return {
        lead: slot.key,
        state: quality.state,
        reason: quality.reason,
        beats: slot.analyzer.beatsSince(nowS - 4).length,
        sinceBeatS: round1(secondsWithoutBeat(slot.analyzer.beats(), nowS, nowS - slot.analyzer.seenSeconds())),
      };
    });
    const pulseEvidence = this.pulses.map((slot) => slot.analyzer.evidence(PULSE_WINDOW_SECONDS));
    const reasons = (decidedOn: ChannelKey | null): AnalysisReasons => ({
      leads: leadReports,
      pulses: pulseEvidence,
      decidedOn,
    });
    const perfusing = pulseEvidence.find((evidence) => evidence.pulsatile);
    const pulseWhy = perfusing === undefined ? '' : `${perfusing.signal} pulsatile ${perfusing.rate}/min`;
    const warm = this.leads.filter((slot) => slot.analyzer.seenSeconds() >= LEAD_WARMUP_SECONDS);
    if (warm.length === 0) return { label: 'LEARNING', findings, suppressed };

    const offSamples = (slot: LeadSlot): boolean => slot.invalidRun >= slot.sampleRate;
    if (this.leads.every(offSamples)) {
      findings.set('LEADS_OFF', { message: 'ECG leads off', reasons: reasons(null) });
      return { label: 'LEADS OFF', findings, suppressed };
    }
    const good = warm.filter((slot) => (qualities.get(slot) as LeadQuality).state === 'good');
    // Leads that show a signal at all (noise included): fibrillation looks like noise to a beat detector.
    const active = warm.filter((slot) => {
      const state = (qualities.get(slot) as LeadQuality).state;
      return state === 'good' || state === 'noisy';
    });
    const flatOnly = warm.every((slot) => (qualities.get(slot) as LeadQuality).state === 'flat');

    // Ventricular fibrillation / flutter: a fibrillatory window on a lead with signal, no organized rhythm on
    // another good lead, and no perfusing pulse.
    const fibrillating = active.filter((slot) => looksFibrillatory(slot.analyzer.fibrillation()));
    const organized = active.find((slot) => organizedRhythm(slot.analyzer.beatsSince(slot.analyzer.nowS() - 4)));
    const nowS = (warm[0] as LeadSlot).analyzer.nowS();
    // VF holds through a window whose features dip for a moment (one alarm per episode, not one per flicker):
    // it ends with an organized rhythm or after VF_HOLD_SECONDS without a fibrillatory window.
    // Chaotic waves now and then look regular for four detections: an established VF ends only when an organized
    // rhythm has lasted VF_HOLD_SECONDS.
    if (organized === undefined) this.organizedSinceS = null;
    else this.organizedSinceS ??= nowS;
    if (fibrillating.length > 0 && organized === undefined) this.fibrillatorySinceS ??= nowS;
    // Until it is confirmed, a pending call needs every look to agree: one fibrillatory window (a burst of noise on
    // one lead) followed by none is not 2 s of fibrillation (MIT-BIH 114: VF called on a lead with clean beats).
    // An organized rhythm does not end a pending call here (it only keeps one from starting): cutting calls on it
    // delayed the simulator's VF calls to 5.2 s after onset.
    if (
      this.fibrillatorySinceS !== null &&
      nowS - this.fibrillatorySinceS < VF_CONFIRM_SECONDS &&
      fibrillating.length === 0
    )
      this.fibrillatorySinceS = null;
    if (fibrillating.length > 0) this.lastFibrillatoryS = nowS;
    const organizedLasted = this.organizedSinceS !== null && nowS - this.organizedSinceS >= VF_HOLD_SECONDS;
    if (this.fibrillatorySinceS !== null && nowS < this.vfBlockedUntilS) this.fibrillatorySinceS = null;
    // A held VF whose waves have stopped, on leads without a QRS for 4 s, may be asystole now — or a rhythm the
    // detectors, still set to the fibrillation's amplitude, cannot see yet: they relearn before any call.
    const silentNow = good.length > 0 ? good.every((slot) => leadSilentFor(slot, ASYSTOLE_SECONDS)) : flatOnly;
    const vfStopped = this.fibrillatorySinceS !== null && fibrillating.length === 0 && silentNow;
    // A pulse seen once the VF is older than the pulse window is the heart beating again, not pulses from before.
    const established = this.fibrillatorySinceS !== null && nowS - this.fibrillatorySinceS > PULSE_WINDOW_SECONDS;
    if (
      this.fibrillatorySinceS !== null &&
      (vfStopped ||
        organizedLasted ||
        nowS - this.lastFibrillatoryS > VF_HOLD_SECONDS ||
        (established && perfusing !== undefined))
    ) {
      // VF is over (an organized rhythm, no fibrillation, its waves stopped, or a perfusing pulse again): the beat
      // detectors relearn (asystole is called after that if no beat comes), and a
      // new VF needs a window of its own, not the old one's tail.
      this.fibrillatorySinceS = null;
      this.vfBlockedUntilS = nowS + 4;
      for (const slot of this.leads) slot.analyzer.relearn();
      return { label: 'LEARNING', findings, suppressed };
    }
    // The definition is fibrillation for 4 s. A 4 s window fibrillatory in every one of its seconds meets it at
    // once; a window fibrillatory only on average (2–3 s of it) must agree for VF_CONFIRM_SECONDS more.
    // Such a window counts as the confirmation done, so the call holds (one alarm) when the next window dips.
    const sustained = fibrillating.find((slot) =>
      fibrillatoryEverySecond(slot.analyzer.fibrillation(), ANALYSIS_WINDOW_SECONDS),
    );
    if (this.fibrillatorySinceS !== null && sustained !== undefined)
      this.fibrillatorySinceS = Math.min(this.fibrillatorySinceS, nowS - VF_CONFIRM_SECONDS);
    if (this.fibrillatorySinceS !== null && nowS - this.fibrillatorySinceS >= VF_CONFIRM_SECONDS) {
      const lead = sustained ?? fibrillating[0] ?? (active[0] as LeadSlot | undefined) ?? (warm[0] as LeadSlot);
      const features = lead.analyzer.fibrillation();
      if (perfusing !== undefined) suppressed.push({ condition: 'VF', why: pulseWhy, reasons: reasons(lead.key) });
      else
        findings.set('VF', {
          message: `fibrillatory ECG ${describeFibrillation(features)} (${shortLead(lead.key)})`,
          reasons: reasons(lead.key),
        });
    }

    // Asystole: no QRS for 4 s on every good lead (or every lead flat), and no perfusing pulse.
    if (!findings.has('VF')) {
      if (silentNow) {
        const lead = good[0]?.key ?? warm[0]?.key ?? null;
        const seconds =
          good.length > 0
            ? Math.min(
                ...good.map((slot) =>
                  secondsWithoutBeat(
                    slot.analyzer.beats(),
                    slot.analyzer.nowS(),
                    slot.analyzer.nowS() - slot.analyzer.seenSeconds(),
                  ),
                ),
              )
            : ASYSTOLE_SECONDS;
        if (perfusing !== undefined) suppressed.push({ condition: 'ASYSTOLE', why: pulseWhy, reasons: reasons(lead) });
        else
          findings.set('ASYSTOLE', {
            message: good.length > 0 ? `no QRS for ${seconds.toFixed(1)} s` : 'flat ECG on every lead, no pulse',
            reasons: reasons(lead),
          });
      }
    }
    const lethalFound = findings.has('VF') || findings.has('ASYSTOLE');
    if (good.length === 0 && !lethalFound && !flatOnly) {
      findings.set('ECG_ARTIFACT', {
        message:
          `ECG artifact: ${leadReports.map((report) => `${shortLead(report.lead)} ${report.reason}`).join(', ')}`.slice(
            0,
            80,
          ),
        reasons: reasons(null),
      });
    }

    const best = this.bestLead();
    let label = lethalFound
      ? findings.has('VF')
        ? 'VFIB'
        : 'ASYSTOLE'
      : good.length === 0
        ? flatOnly
          ? 'FLAT ECG'
          : 'ARTIFACT'
        : 'LEARNING';
    if (!lethalFound && best !== null) {
      const beats = best.analyzer.beats();
      const nowS = best.analyzer.nowS();
      // Ventricular tachycardia on a good lead — unless another good lead shows normal beats through the run (the
      // "run" was noise on one lead), or its beats are not alike (chaotic: noise, or fibrillation beginning).
      // While fibrillatory windows are being confirmed, no VT or ectopy call: fibrillation's first waves look wide.
      const fibrillationPending = this.fibrillatorySinceS !== null;
      for (const slot of fibrillationPending ? [] : good) {
        const slotBeats = slot.analyzer.beats();
        const rate = ventricularTachycardiaRate(slotBeats, slot.analyzer.nowS());
        if (rate === null) continue;
        const run = ventricularRun(slotBeats, slot.analyzer.nowS());
        const runBeats = slotBeats.slice(slotBeats.length - run.beats);
        const runStart = (runBeats[0] as ClassifiedBeat).timeS;
        const alike = median(
          runBeats.slice(1).map((beat) => beat.likePrevious),
          1,
        );
        if (alike < MONOMORPHIC_LIKENESS) {
          suppressed.push({
            condition: 'VT',
            why: `the run on ${shortLead(slot.key)} is not monomorphic (likeness ${alike.toFixed(2)})`,
            reasons: reasons(slot.key),
          });
          continue;
        }
        const normalElsewhere = good.find(
          (other) =>
            other !== slot &&
            other.analyzer.beatsSince(runStart - 0.1).filter((beat) => !beat.ventricular && beat.correlation >= 0.85)
              .length >= 3,
        );
        if (normalElsewhere !== undefined) {
          suppressed.push({
            condition: 'VT',
            why: `${shortLead(normalElsewhere.key)} shows normal beats through the run on ${shortLead(slot.key)}`,
            reasons: reasons(slot.key),
          });
          continue;
        }
        findings.set('VT', {
          message: `${run.beats} ventricular beats at ${rate}/min (${shortLead(slot.key)})`,
          reasons: reasons(slot.key),
          rateBpm: rate,
        });
        break;
      }
      // Hysteresis: an extreme rate stands until the rate is 3/min back inside the limit (a rate hovering at the
      // limit is one episode, not a new alarm at every crossing).
      const brady = extremeBradyRate(
        beats,
        nowS,
        limits.extremeLowBpm + (this.extremeBrady ? EXTREME_HYSTERESIS_BPM : 0),
      );
      if (brady !== null) {
        // Contradicted only by a lead or pulse clearly faster (5/min above the limit): a rate at the limit on another
        // lead is the same bradycardia measured a little differently.
        const clearlyFaster = limits.extremeLowBpm + 5;
        const faster = good.find(
          (slot) =>
            slot !== best &&
            (medianRateOverLast(slot.analyzer.beats(), 5) ?? 0) >= clearlyFaster &&
            !leadSilentFor(slot, 60 / limits.extremeLowBpm),
        );
        const pulseRate = perfusing?.rate ?? null;
        if (faster !== undefined)
          suppressed.push({
            condition: 'EXTREME_BRADY',
            why: `${shortLead(faster.key)} shows ${Math.round(medianRateOverLast(faster.analyzer.beats(), 5) ?? 0)}/min`,
            reasons: reasons(best.key),
          });
        else if (pulseRate !== null && pulseRate >= clearlyFaster)
          suppressed.push({ condition: 'EXTREME_BRADY', why: pulseWhy, reasons: reasons(best.key) });
        else
          findings.set('EXTREME_BRADY', {
            message: `HR ${brady} over 5 beats, extreme low ${limits.extremeLowBpm} (${shortLead(best.key)})`,
            reasons: reasons(best.key),
          });
      }
      // VTACH is the higher call of the same fast rhythm (as bedside monitors rank their arrhythmia alarms): one
      // alarm for it, not VTACH and EXTREME TACHY side by side.
      for (const slot of findings.has('VT') ? [] : [best, ...good.filter((other) => other !== best)]) {
        const tachy = extremeTachyRate(
          slot.analyzer.beats(),
          slot.analyzer.nowS(),
          limits.extremeHighBpm - (this.extremeTachy ? EXTREME_HYSTERESIS_BPM : 0),
        );
        if (tachy === null) continue;
        findings.set('EXTREME_TACHY', {
          message: `HR ${tachy} over 17 beats, extreme high ${limits.extremeHighBpm} (${shortLead(slot.key)})`,
          reasons: reasons(slot.key),
        });
        break;
      }
      // Advisories, when no lethal call stands: ectopy on the good lead that shows the longest run (a PVC is often
      // plain on one lead only), pause and irregularity on the best lead.
      const runs = good.map((slot) => ({
        slot,
        run: recentVentricularRun(slot.analyzer.beats(), slot.analyzer.nowS(), ECTOPY_HOLD_SECONDS),
      }));
      const longestRun = runs.reduce(
        (longest, candidate) => (candidate.run.beats > longest.run.beats ? candidate : longest),
        { slot: best, run: recentVentricularRun(beats, nowS, ECTOPY_HOLD_SECONDS) },
      );
      const run = longestRun.run;
      if (!findings.has('VT') && !fibrillationPending) {
        // A run is 3–4 ventricular beats above 100/min (slower ones are idioventricular escape, not a run).
        if (run.beats >= 3 && run.beats < VT_BEATS && run.rate !== null && run.rate > VT_RATE)
          findings.set('V_RUN', {
            message: `run of ${run.beats} PVCs at ${Math.round(run.rate)}/min (${shortLead(longestRun.slot.key)})`,
            reasons: reasons(longestRun.slot.key),
            delayAtLeastSeconds: ECTOPY_DELAY_SECONDS,
          });
        else if (run.beats === 2)
          findings.set('PVC_COUPLET', {
            message: `PVC couplet (${shortLead(longestRun.slot.key)})`,
            reasons: reasons(longestRun.slot.key),
            delayAtLeastSeconds: ECTOPY_DELAY_SECONDS,
          });
      }
      const longest = longestRecentInterval(beats, nowS, 4);
      // A gap of asystole's length was the asystole alarm, not a pause after it.
      if (longest >= PAUSE_SECONDS && longest < ASYSTOLE_SECONDS && !leadSilentFor(best, ASYSTOLE_SECONDS))
        findings.set('PAUSE', { message: `pause ${longest.toFixed(1)} s`, reasons: reasons(best.key) });
      const irregularity = rhythmIrregularity(beats);
      const irregular = irregularity !== null && irregularity > IRREGULARITY_THRESHOLD;
      if (irregular)
        findings.set('AFIB', {
          message: `irregular rhythm (${irregularity.toFixed(2)})`,
          reasons: reasons(best.key),
          delayAtLeastSeconds: AFIB_DELAY_SECONDS,
        });
      const rate = rateOverLast(beats, Math.min(9, beats.length));
      const bpm = rate === null ? '' : ` ${Math.round(rate)}`;
      // The run's own rate: the 9-beat mean still counts the sinus beats before it for seconds after a VT onset.
      const vt = findings.get('VT');
      if (vt !== undefined) label = `VTACH ${vt.rateBpm ?? ''}`.trim();
      else if (rate === null) label = 'LEARNING';
      else if (irregular) label = `AFIB${bpm}`;
      else if (rate < 60) label = `SINUS BRADY${bpm}`;
      else if (rate > 100) label = `SINUS TACHY${bpm}`;
      else label = `SINUS${bpm}`;
    }
    this.extremeBrady = findings.has('EXTREME_BRADY');
    this.extremeTachy = findings.has('EXTREME_TACHY');
    return { label, findings, suppressed };
  }
}

function leadSilentFor(slot: LeadSlot, seconds: number): boolean {
  const nowS = slot.analyzer.nowS();
  return secondsWithoutBeat(slot.analyzer.beats(), nowS, nowS - slot.analyzer.seenSeconds()) >= seconds;
}

/**
 * Regular beats, or four consecutive beats like the lead's own normal beats, in the window, no faster than 200/min,
 * or three slow ones ({@link slowTemplateBeats}): an organized rhythm, however irregular (atrial fibrillation), not
 * fibrillation. A monitor connected during VF learns its template on a fibrillation wave; the waves that follow
 * match it only now and then (alternate peaks and troughs), never four in a row at a rate a heart conducts.
 */
function organizedRhythm(beats: readonly ClassifiedBeat[]): boolean {
  // Regular detections at a rate a heart conducts are a rhythm too, whatever their shape (a lead whose template
  // was learnt on a clipped or artifact-ridden beat).
  if (
    beats.length >= ORGANIZED_BEATS &&
    intervalVariation(beats) < 0.15 &&
    (medianRateOverLast(beats, beats.length) ?? Infinity) <= ORGANIZED_MAX_RATE
  )
    return true;
  if (slowTemplateBeats(beats)) return true;
  let run: ClassifiedBeat[] = [];
  for (const beat of beats) {
    run = !beat.ventricular && beat.correlation > 0.85 ? [...run, beat] : [];
    if (run.length >= ORGANIZED_BEATS && (medianRateOverLast(run, run.length) ?? Infinity) <= ORGANIZED_MAX_RATE)
      return true;
  }
  return false;
}

/**
 * The last three detections like the lead's normal beats and each at least 0.75 s after the one before: a slow
 * organized rhythm, which leaves too few beats in a 4 s window for the tests above (MIT-BIH 114 at ~50/min). On a
 * fibrillating lead the detector finds a wave every 0.15–0.3 s; three consecutive detections this far apart are
 * not fibrillation.
 */
function slowTemplateBeats(beats: readonly ClassifiedBeat[]): boolean {
  const last = beats.slice(-3);
  if (last.length < 3 || !last.every((beat) => !beat.ventricular && beat.correlation > 0.85)) return false;
  return last.slice(1).every((beat, i) => beat.timeS - (last[i] as ClassifiedBeat).timeS >= 0.75);
}

function intervalVariation(beats: readonly { timeS: number }[]): number {
  const recent = beats.slice(-9);
  if (recent.length < ORGANIZED_BEATS) return Infinity;
  const intervals = recent.slice(1).map((beat, i) => beat.timeS - (recent[i] as { timeS: number }).timeS);
  const mean = intervals.reduce((sum, interval) => sum + interval, 0) / intervals.length;
  return Math.sqrt(intervals.reduce((sum, interval) => sum + (interval - mean) ** 2, 0) / intervals.length) / mean;
}

function describeFibrillation(features: FibrillationFeatures): string {
  return `${features.frequencyHz.toFixed(1)} Hz`;
}

function shortLead(key: ChannelKey): string {
  return key.replace(/^ECG_/, '');
}

function rank(key: ChannelKey): number {
  const position = ECG_LEAD_PREFERENCE.indexOf(key);
  return position === -1 ? ECG_LEAD_PREFERENCE.length : position;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function derived(value: number | null, unit: string, nowMs: number, note: string | null): NumericValue {
  return { value, unit, origin: 'derived', measuredAtMs: nowMs, note: value === null ? note : null };
}

/** What {@link ingestChunks} needs of a chunk and its channel. */
interface RawChunk {
  readonly key: ChannelKey;
  readonly firstSampleIndex: number;
  readonly flags: number;
  readonly samples: Int16Array;
}

/**
 * Feeds a tick's chunks, exactly as they go on the wire (int16 with each channel's scale and offset; the "no
 * sample" value and the invalid flag), to a bed's analysis: what a station receives is what is analysed.
 */
export function ingestChunks(
  analysis: BedWaveformAnalysis,
  chunks: readonly RawChunk[],
  channels: readonly { key: ChannelKey; scale: number; offset: number }[],
): void {
  for (const chunk of chunks) {
    const channel = channels.find((candidate) => candidate.key === chunk.key);
    if (channel === undefined) continue;
    const values = new Float64Array(chunk.samples.length);
    for (let i = 0; i < values.length; i += 1) {
      const raw = chunk.samples[i] as number;
      values[i] = raw === NO_SAMPLE ? Number.NaN : raw * channel.scale + channel.offset;
    }
    analysis.ingest(chunk.key, chunk.firstSampleIndex, values, (chunk.flags & FRAME_FLAGS.signalInvalid) === 0);
  }
}
