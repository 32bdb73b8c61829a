/**
 * The ward's alarm policy on the Station screen: everyone sees it (so a nurse knows why an alarm came, or did not);
 * an admin edits it — limits, condition delays, latching, escalation, AUDIO PAUSED length, the volume floor and how
 * long full disclosure is kept. The gateway validates and refuses with a sentence the panel shows.
 */
import { useState, type FormEvent } from 'react';
import type { AlarmPolicy } from '../../common/wire/ward-settings';
import type { SessionState } from '../../common/station/session-state';
import { sessionMay } from '../../common/identity/permissions';
import { useStationServices } from '../app/station-context';
import { useWardSettings } from '../auth/use-ward-settings';

/** The editable numbers: a label, where the value lives, and how to put it back. */
const FIELDS: readonly {
  label: string;
  get: (policy: AlarmPolicy) => number;
  set: (policy: AlarmPolicy, value: number) => AlarmPolicy;
}[] = [
  {
    label: 'HR low (bpm)',
    get: (p) => p.limits.HR.low,
    set: (p, v) => ({ ...p, limits: { ...p.limits, HR: { ...p.limits.HR, low: v } } }),
  },
  {
    label: 'HR high (bpm)',
    get: (p) => p.limits.HR.high,
    set: (p, v) => ({ ...p, limits: { ...p.limits, HR: { ...p.limits.HR, high: v } } }),
  },
  {
    label: 'Extreme brady (bpm)',
    get: (p) => p.limits.HR.extremeLow,
    set: (p, v) => ({ ...p, limits: { ...p.limits, HR: { ...p.limits.HR, extremeLow: v } } }),
  },
  {
    label: 'Extreme tachy (bpm)',
    get: (p) => p.limits.HR.extremeHigh,
    set: (p, v) => ({ ...p, limits: { ...p.limits, HR: { ...p.limits.HR, extremeHigh: v } } }),
  },
  {
    label: 'SpO2 low (%)',
    get: (p) => p.limits.SPO2.low,
    set: (p, v) => ({ ...p, limits: { ...p.limits, SPO2: { ...p.limits.SPO2, low: v } } }),
  },
  {
    label: 'Desat (%)',
    get: (p) => p.limits.SPO2.desat,
    set: (p, v) => ({ ...p, limits: { ...p.limits, SPO2: { ...p.limits.SPO2, desat: v } } }),
  },
  {
    label: 'RR low (rpm)',
    get: (p) => p.limits.RR.low,
    set: (p, v) => ({ ...p, limits: { ...p.limits, RR: { ...p.limits.RR, low: v } } }),
  },
  {
    label: 'RR high (rpm)',
    get: (p) => p.limits.RR.high,
    set: (p, v) => ({ ...p, limits: { ...p.limits, RR: { ...p.limits.RR, high: v } } }),
  },
  {
    label: 'NIBP sys low',
    get: (p) => p.limits.NIBP_SYS.low,
    set: (p, v) => ({ ...p, limits: { ...p.limits, NIBP_SYS: { ...p.limits.NIBP_SYS, low: v } } }),
  },
  {
    label: 'NIBP sys high',
    get: (p) => p.limits.NIBP_SYS.high,
    set: (p, v) => ({ ...p, limits: { ...p.limits, NIBP_SYS: { ...p.limits.NIBP_SYS, high: v } } }),
  },
  {
    label: 'ABP sys low',
    get: (p) => p.limits.ABP_SYS.low,
    set: (p, v) => ({ ...p, limits: { ...p.limits, ABP_SYS: { ...p.limits.ABP_SYS, low: v } } }),
  },
  {
    label: 'ABP sys high',
    get: (p) => p.limits.ABP_SYS.high,
    set: (p, v) => ({ ...p, limits: { ...p.limits, ABP_SYS: { ...p.limits.ABP_SYS, high: v } } }),
  },
  {
    label: 'SpO2 delay (s)',
    get: (p) => p.delaysSeconds.SPO2,
    set: (p, v) => ({ ...p, delaysSeconds: { ...p.delaysSeconds, SPO2: v } }),
  },
  {
    label: 'HR delay (s)',
    get: (p) => p.delaysSeconds.HR,
    set: (p, v) => ({ ...p, delaysSeconds: { ...p.delaysSeconds, HR: v } }),
  },
  {
    label: 'Apnea after (s)',
    get: (p) => p.delaysSeconds.APNEA,
    set: (p, v) => ({ ...p, delaysSeconds: { ...p.delaysSeconds, APNEA: v } }),
  },
  {
    label: 'Escalate after (s, 0 never)',
    get: (p) => p.escalationSeconds,
    set: (p, v) => ({ ...p, escalationSeconds: v }),
  },
  { label: 'Audio pause (s)', get: (p) => p.audioPauseSeconds, set: (p, v) => ({ ...p, audioPauseSeconds: v }) },
  { label: 'Volume floor (%)', get: (p) => p.minimumVolumePercent, set: (p, v) => ({ ...p, minimumVolumePercent: v }) },
  {
    label: 'Full disclosure (h)',
    get: (p) => p.fullDisclosureHours,
    set: (p, v) => ({ ...p, fullDisclosureHours: v }),
  },
  { label: 'Trends kept (h)', get: (p) => p.trendHours, set: (p, v) => ({ ...p, trendHours: v }) },
  {
    label: 'Vitals to EMR (min, 0 on demand)',
    get: (p) => p.vitalsToEmrMinutes,
    set: (p, v) => ({ ...p, vitalsToEmrMinutes: v }),
  },
];

/** The panel. */
export function AlarmPolicyPanel({ session }: { readonly session: SessionState }) {
  const { bridge } = useStationServices();
  const policy = useWardSettings().data?.alarmPolicy ?? null;
  const [draft, setDraft] = useState<AlarmPolicy | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const mayChange = sessionMay(session, 'policy.change');
  if (policy === null) return null;
  const shown = draft ?? policy;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === null) return;
    const result = await bridge.api.updateAlarmPolicy(draft);
    setMessage(result.ok ? 'Alarm policy saved for the ward' : result.error.message);
    if (result.ok) setDraft(null);
  };

  return (
    <section className="panel policy-panel" aria-label="Alarm policy" data-testid="panel-policy">
      <h2>Alarm policy</h2>
      <form className="policy-form" onSubmit={(event) => void save(event)}>
        {FIELDS.map((field) => (
          <label key={field.label}>
            {field.label}
            <input
              type="number"
              step="any"
              readOnly={!mayChange}
              value={field.get(shown)}
              onChange={(event) => setDraft(field.set(shown, Number(event.target.value)))}
            />
          </label>
        ))}
        <fieldset>
          <legend>Latching</legend>
          {(['HIGH', 'MEDIUM', 'LOW'] as const).map((priority) => (
            <label key={priority} className="policy-form__check">
              <input
                type="checkbox"
                disabled={!mayChange}
                checked={shown.latching[priority]}
                onChange={(event) =>
                  setDraft({ ...shown, latching: { ...shown.latching, [priority]: event.target.checked } })
                }
              />
              {priority}
            </label>
          ))}
        </fieldset>
        {mayChange && (
          <button type="submit" className="button button--primary" disabled={draft === null}>
            Save alarm policy
          </button>
        )}
      </form>
      {!mayChange && <p className="panel__detail">Set by IT: sign in as an admin to change it.</p>}
      {message !== null && (
        <p className="panel__detail" role="status" data-testid="policy-message">
          {message}
        </p>
      )}
    </section>
  );
}
