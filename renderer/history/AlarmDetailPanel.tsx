/**
 * One alarm for review: what, where, when; its timeline (raised, escalated, audio paused, acknowledged — by whom,
 * at which station — reset, resolved); the numerics at onset; and the waveform strip from 10 s before to 10 s
 * after onset at 25 mm/s. The report is this panel on paper: saved as a PDF by the desktop app (printToPDF), printed
 * by a browser (whose print dialog offers Save as PDF).
 */
import { useState } from 'react';
import { alarmLabel, type AlarmEventKind } from '../../common/alarms/alarm-model';
import { useStationServices } from '../app/station-context';
import { formatWallTime } from '../app/WallClock';
import { StripChart } from './StripChart';
import { TrendPanel } from '../ward/TrendPanel';
import { useAlarmDetail, useWaveformStrip } from './use-history';

const EVENT_WORDS: Readonly<Record<AlarmEventKind, string>> = {
  raised: 'Raised',
  escalated: 'Escalated',
  acknowledged: 'Acknowledged',
  'audio-paused': 'Audio paused (ward)',
  reset: 'Reset',
  resolved: 'Resolved',
  'condition-ended': 'Condition ended (latched)',
  superseded: 'Superseded by a new alarm (the condition came back)',
  'settings-changed': 'Ward settings changed',
  notified: 'Phone alert',
  charted: 'NEWS2 observations charted',
};

/** The panel. */
export function AlarmDetailPanel({ alarmId, onClose }: { readonly alarmId: string; readonly onClose: () => void }) {
  const detail = useAlarmDetail(alarmId);
  const alarm = detail.data?.alarm ?? null;
  const strip = useWaveformStrip(alarm?.bedId ?? null, alarm?.onsetMs ?? null);
  const { bridge } = useStationServices();
  const [saved, setSaved] = useState<string | null>(null);
  // The desktop app saves a PDF itself (printToPDF); a browser prints, where "Save as PDF" is one of the printers.
  const printReport = async (): Promise<void> => {
    if (alarm === null) return;
    if (bridge.transport !== 'electron') {
      window.print();
      return;
    }
    const result = await bridge.api.saveReportAsPdf({
      title: `WardWatch ${alarm.bedLabel} ${alarmLabel(alarm)} ${new Date(alarm.onsetMs).toISOString().slice(0, 16)}`,
    });
    setSaved(
      result.ok ? `Saved to ${result.value.savedTo}` : result.error.code === 'CANCELLED' ? null : result.error.message,
    );
  };
  if (detail.isError)
    return (
      <section className="panel history-detail" role="alert">
        {detail.error.message}
      </section>
    );
  if (alarm === null || detail.data === undefined)
    return <section className="panel history-detail">Loading the alarm…</section>;
  const at = (ms: number): string => `${new Date(ms).toLocaleDateString('en-GB')} ${formatWallTime(new Date(ms))}`;
  return (
    <section className="panel history-detail" aria-label="Alarm detail" data-testid="alarm-detail">
      <header className="history-detail__header">
        <h2>
          {alarm.bedLabel} · {alarmLabel(alarm)}{' '}
          <span className={`history-priority history-priority--${alarm.priority.toLowerCase()}`}>{alarm.priority}</span>
        </h2>
        <div className="history-detail__actions no-print">
          <button type="button" className="button" onClick={() => void printReport()}>
            {bridge.transport === 'electron' ? 'Save report as PDF' : 'Print report'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </header>
      {saved !== null && (
        <p className="panel__detail no-print" role="status">
          {saved}
        </p>
      )}
      <p className="history-detail__summary">
        {alarm.message} · onset {at(alarm.onsetMs)}
        {alarm.endedMs !== null && ` · ended ${at(alarm.endedMs)}`}
      </p>
      <div className="history-detail__columns">
        <ol className="timeline" data-testid="alarm-timeline">
          {detail.data.timeline.map((event) => (
            <li key={event.seq} data-kind={event.kind}>
              <span className="timeline__time">{formatWallTime(new Date(event.atMs))}</span>{' '}
              <strong>{EVENT_WORDS[event.kind]}</strong>
              {event.priority !== null && event.kind === 'escalated' && ` to ${event.priority}`}
              {event.note !== null && event.note !== undefined && `: ${event.note}`}
              {event.userDisplay !== null && ` by ${event.userDisplay}`}
              {event.station !== null && ` at ${event.station}`}
            </li>
          ))}
        </ol>
        <dl className="facts history-detail__numerics" data-testid="numerics-at-onset">
          {Object.entries(detail.data.numericsAtOnset ?? {}).map(([key, value]) => (
            <div className="facts__row" key={key}>
              <dt>{key}</dt>
              <dd>{value.value === null ? '---' : `${value.value} ${value.unit}`}</dd>
            </div>
          ))}
        </dl>
        {detail.data.analysis !== null && (
          <div className="history-detail__analysis" data-testid="alarm-analysis">
            <h3>ECG analysis</h3>
            <ul>
              {detail.data.analysis.leads.map((lead) => (
                <li key={lead.lead} data-lead={lead.lead}>
                  {lead.lead.replace(/^ECG_/, '')}
                  {lead.lead === detail.data.analysis?.decidedOn ? ' (decided on)' : ''}:{' '}
                  {lead.state === 'good' ? 'good signal' : lead.reason} · {lead.beats} beats in 4 s, last{' '}
                  {lead.sinceBeatS} s before
                </li>
              ))}
              {detail.data.analysis.pulses.map((pulse) => (
                <li key={pulse.signal} data-pulse={pulse.signal}>
                  {pulse.signal}:{' '}
                  {!pulse.valid
                    ? 'no valid signal'
                    : pulse.pulsatile
                      ? `pulsatile ${pulse.rate ?? '?'}/min`
                      : `no perfusing pulse (${pulse.pulses} pulses in 4 s)`}
                </li>
              ))}
              {detail.data.analysis.pulses.length === 0 && <li>no pressure or pleth signal to confirm with</li>}
            </ul>
          </div>
        )}
      </div>
      {strip.isError ? (
        <p className="panel__detail" role="alert">
          {strip.error.message}
        </p>
      ) : strip.data === undefined ? (
        <p className="panel__detail">Loading the waveforms…</p>
      ) : (
        <StripChart strip={strip.data} zeroMs={alarm.onsetMs} />
      )}
      {/* The hours before the alarm: what led to it (the trend ends an hour after the onset). */}
      <TrendPanel bedId={alarm.bedId} endMs={alarm.onsetMs + 3_600_000} initialHours={8} />
    </section>
  );
}
