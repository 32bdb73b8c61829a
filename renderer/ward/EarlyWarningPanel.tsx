/**
 * A bed's NEWS2 in its detail view: each of the seven parameters with what it scores (or that it is missing), the
 * total and the RCP's response; and the small form in which a nurse charts what no device measures — air or
 * supplemental oxygen, consciousness (ACVPU), a temperature — and, for a patient a clinician confirmed as
 * hypercapnic, SpO2 scale 2. The gateway journals the charting with her name; the score follows within a second.
 */
import { useState, type FormEvent } from 'react';
import {
  CONSCIOUSNESS_LEVELS,
  NEWS2_PARAMETER_LABELS,
  NEWS2_PARAMETERS,
  type Consciousness,
} from '../../common/scores/news2';
import type { EarlyWarning } from '../../common/wire/early-warning';
import { sessionMay } from '../../common/identity/permissions';
import { useStationServices } from '../app/station-context';
import { useSession } from '../auth/use-session';
import { formatWallTime } from '../app/WallClock';
import { NEWS2_RESPONSE_WORDS } from './EarlyWarningBadge';

const ACVPU_WORDS: Readonly<Record<Consciousness, string>> = {
  A: 'A — alert',
  C: 'C — new confusion',
  V: 'V — responds to voice',
  P: 'P — responds to pain',
  U: 'U — unresponsive',
};

/** Props of {@link EarlyWarningPanel}. */
export interface EarlyWarningPanelProps {
  readonly bedId: string;
  /** The score with the bed's latest numerics; null while nothing of it can be scored. */
  readonly score: EarlyWarning | null;
}

/** The panel. */
export function EarlyWarningPanel({ bedId, score }: EarlyWarningPanelProps) {
  const session = useSession();
  const mayChart = sessionMay(session.data ?? null, 'observations.chart');
  return (
    <section className="panel news2-panel" aria-label="NEWS2" data-testid="news2-panel">
      <h3>
        NEWS2{' '}
        {score === null ? (
          <span className="panel__detail">— nothing measured or charted yet</span>
        ) : (
          <span className={`news2-badge news2-badge--${score.response}`} data-testid="news2-total">
            {score.missing.length > 0 ? '≥ ' : ''}
            {score.total} · {NEWS2_RESPONSE_WORDS[score.response]}
          </span>
        )}
      </h3>
      {score !== null && (
        <table className="security-table news2-panel__parts" data-testid="news2-parts">
          <tbody>
            {NEWS2_PARAMETERS.map((parameter) => {
              const part = score.parts[parameter];
              return (
                <tr key={parameter} className={part === undefined ? 'news2-panel__missing' : undefined}>
                  <th scope="row">
                    {NEWS2_PARAMETER_LABELS[parameter]}
                    {parameter === 'spo2' && ` (scale ${score.spo2Scale})`}
                  </th>
                  <td>{part === undefined ? 'missing — not measured or charted in 12 h' : part}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {score?.chartedAtMs !== null && score?.chartedAtMs !== undefined && (
        <p className="panel__detail" data-testid="news2-charted">
          Last charted {formatWallTime(new Date(score.chartedAtMs))} by {score.chartedBy}
        </p>
      )}
      {mayChart ? (
        <ChartForm bedId={bedId} scale={score?.spo2Scale ?? 1} />
      ) : (
        <p className="panel__detail">Sign in as a nurse or physician to chart oxygen, ACVPU and temperature.</p>
      )}
    </section>
  );
}

function ChartForm({ bedId, scale }: { readonly bedId: string; readonly scale: 1 | 2 }) {
  const { bridge } = useStationServices();
  const [oxygen, setOxygen] = useState<'' | 'air' | 'oxygen'>('');
  const [consciousness, setConsciousness] = useState<'' | Consciousness>('');
  const [temperature, setTemperature] = useState('');
  const [scaleTwo, setScaleTwo] = useState(scale === 2);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const celsius = temperature.trim() === '' ? null : Number(temperature.replace(',', '.'));
    if (celsius !== null && !(Number.isFinite(celsius) && celsius >= 25 && celsius <= 45)) {
      setOutcome({ ok: false, text: 'Temperature: a value in °C between 25 and 45' });
      return;
    }
    setBusy(true);
    const result = await bridge.api.chartObservations({
      bedId,
      onOxygen: oxygen === '' ? null : oxygen === 'oxygen',
      consciousness: consciousness === '' ? null : consciousness,
      temperature: celsius,
      spo2Scale: scaleTwo ? 2 : 1,
    });
    setBusy(false);
    if (!result.ok) {
      setOutcome({ ok: false, text: result.error.message });
      return;
    }
    setOxygen('');
    setConsciousness('');
    setTemperature('');
    const total = result.value.earlyWarning?.total;
    setOutcome({ ok: true, text: `Charted${total === undefined ? '' : ` — NEWS2 now ${total}`}` });
  };
  return (
    <form className="news2-panel__form" onSubmit={(event) => void submit(event)} aria-label="Chart observations">
      <label>
        Oxygen
        <select
          value={oxygen}
          onChange={(event) => setOxygen(event.target.value as typeof oxygen)}
          data-testid="chart-oxygen"
        >
          <option value="">not observed</option>
          <option value="air">Air</option>
          <option value="oxygen">Supplemental O₂</option>
        </select>
      </label>
      <label>
        Consciousness
        <select
          value={consciousness}
          onChange={(event) => setConsciousness(event.target.value as typeof consciousness)}
          data-testid="chart-acvpu"
        >
          <option value="">not observed</option>
          {CONSCIOUSNESS_LEVELS.map((level) => (
            <option key={level} value={level}>
              {ACVPU_WORDS[level]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Temperature °C
        <input
          inputMode="decimal"
          value={temperature}
          onChange={(event) => setTemperature(event.target.value)}
          size={5}
          data-testid="chart-temperature"
        />
      </label>
      <label title="Only for a patient a clinician confirmed as having hypercapnic respiratory failure (target 88–92 %)">
        <input type="checkbox" checked={scaleTwo} onChange={(event) => setScaleTwo(event.target.checked)} />
        SpO2 scale 2 (hypercapnic)
      </label>
      <button type="submit" className="button button--primary" disabled={busy} data-testid="chart-submit">
        Chart
      </button>
      {outcome !== null && (
        <span role={outcome.ok ? 'status' : 'alert'} data-testid="chart-outcome">
          {outcome.text}
        </span>
      )}
    </form>
  );
}
