/**
 * Alarm load for the ward or a bed over the period: alarms per bed per day by priority, the share acknowledged,
 * median and 90th-percentile time to acknowledge, and the most frequent alarms — the charge nurse's view of alarm
 * fatigue (most monitor alarms need no action).
 */
import { ALARM_CONDITIONS } from '../../common/alarms/alarm-model';
import type { AlarmStats } from '../../common/wire/history-messages';

function seconds(ms: number | null): string {
  return ms === null ? '—' : `${Math.round(ms / 100) / 10} s`;
}

/** The panel. */
export function AlarmStatsPanel({ stats }: { readonly stats: AlarmStats }) {
  return (
    <section className="panel history-stats" aria-label="Alarm load" data-testid="alarm-stats">
      <h2>Alarm load</h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>Alarms</dt>
          <dd data-testid="stats-total">{stats.total}</dd>
        </div>
        <div className="facts__row">
          <dt>Acknowledged</dt>
          <dd>{stats.acknowledgedShare === null ? '—' : `${Math.round(stats.acknowledgedShare * 100)} %`}</dd>
        </div>
        <div className="facts__row">
          <dt>Time to acknowledge</dt>
          <dd>
            median {seconds(stats.medianMsToAcknowledge)}, 90th percentile {seconds(stats.p90MsToAcknowledge)}
          </dd>
        </div>
      </dl>
      <table className="history-stats__table">
        <thead>
          <tr>
            <th>Bed</th>
            <th>per day</th>
            <th>HIGH</th>
            <th>MEDIUM</th>
            <th>LOW</th>
          </tr>
        </thead>
        <tbody>
          {stats.perBed.slice(0, 12).map((bed) => (
            <tr key={bed.bedId}>
              <td>{bed.bedLabel}</td>
              <td>{Math.round(bed.perDay * 10) / 10}</td>
              <td>{bed.HIGH}</td>
              <td>{bed.MEDIUM}</td>
              <td>{bed.LOW}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Most frequent</h3>
      <ol className="history-stats__top">
        {stats.topConditions.slice(0, 5).map((entry) => (
          <li key={entry.condition}>
            {ALARM_CONDITIONS[entry.condition].label}: {entry.count} ({Math.round(entry.acknowledgedShare * 100)} %
            acknowledged)
          </li>
        ))}
      </ol>
    </section>
  );
}
