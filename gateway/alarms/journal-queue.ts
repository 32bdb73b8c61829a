/**
 * The alarm service's way into the journal: events are written strictly in the order they happened, one after
 * the other, off the path that tells stations about alarms — so a slow or failing database delays the record,
 * never the alarm. Events wait in a bounded queue while the database opens; a write that fails is retried with
 * back-off, in order, and never skipped. What the queue cannot keep (overflow) is counted, never silently lost:
 * the service turns {@link JournalQueue.failure} into ALARM LOG FAILURE at every station.
 */
import type { JournalStatus } from '../../common/alarms/alarm-model';
import { describeError, type Logger } from '../../common/logging/logger';
import type { AlarmEventInput, AppendOutcome } from './alarm-journal';

/** What the queue writes to (the {@link AlarmJournal}). */
export interface JournalSink {
  append(event: AlarmEventInput): Promise<AppendOutcome>;
}

/** How the queue behaves. */
export interface JournalQueueOptions {
  /** Engine events kept at most while the journal is not writing; past it they are counted as dropped. */
  readonly capacity: number;
  /** Waits before the next try after `failures` failed writes in a row. */
  readonly retryDelayMs: (failures: number) => number;
  /** A journal that has not opened after this long is a failure (the database is stuck). */
  readonly openTimeoutMs: number;
  /** Called whenever the status or the failure changes, and when the queue has drained. */
  readonly onChange: () => void;
  readonly logger: Logger;
}

/** Defaults: 20 000 events (hours of a busy ward), retries at 0.5, 1, 2, 4… up to 10 s, 15 s to open. */
export const DEFAULT_JOURNAL_QUEUE: Omit<JournalQueueOptions, 'onChange' | 'logger'> = {
  capacity: 20_000,
  retryDelayMs: (failures) => Math.min(10_000, 250 * 2 ** failures),
  openTimeoutMs: 15_000,
};

interface Entry {
  readonly event: AlarmEventInput;
  /** The snapshot version the event belongs to. */
  readonly version: number;
  readonly settle?: { resolve: (outcome: AppendOutcome) => void };
}

/** The ordered writer. */
export class JournalQueue {
  private readonly entries: Entry[] = [];
  private sink: JournalSink | null = null;
  private state: JournalStatus['state'] = 'opening';
  private writing = false;
  private failures = 0;
  private dropped = 0;
  private lastProblem: string | null = null;
  private openTimer: ReturnType<typeof setTimeout> | null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly options: JournalQueueOptions) {
    this.openTimer = setTimeout(() => {
      this.openTimer = null;
      if (this.sink !== null || this.state === 'none') return;
      this.problem(`the alarm journal has not opened after ${Math.round(options.openTimeoutMs / 1000)} s`);
    }, options.openTimeoutMs);
    this.openTimer.unref?.();
  }

  /** This gateway keeps no journal (no database): nothing is queued, nothing is a failure. */
  disable(): void {
    this.state = 'none';
    this.clearOpenTimer();
    this.entries.splice(0);
    this.options.onChange();
  }

  /** The journal is open: write what waited, then everything as it comes. */
  attach(sink: JournalSink): void {
    this.sink = sink;
    this.clearOpenTimer();
    // Late is not broken: a journal that opened after its timeout is healthy until a write says otherwise.
    if (this.state !== 'none') {
      this.state = 'ok';
      this.lastProblem = null;
    }
    this.options.onChange();
    this.pump();
  }

  /** The journal could not be opened at all. */
  openFailed(reason: string): void {
    this.clearOpenTimer();
    this.problem(`the alarm journal could not be opened (${reason})`);
  }

  /**
   * Queues an engine event; false when it had to be dropped (the queue is full). `essential` events (the ALARM
   * LOG FAILURE alarm's own) are kept beyond the capacity, so the record says the record was incomplete.
   */
  enqueue(event: AlarmEventInput, version: number, essential = false): boolean {
    if (this.state === 'none') return true;
    if (!essential && this.entries.length >= this.options.capacity) {
      this.dropped += 1;
      if (this.dropped === 1 || this.dropped % 1000 === 0)
        this.options.logger.error('alarm events dropped: the journal queue is full', {
          dropped: this.dropped,
          capacity: this.options.capacity,
        });
      this.options.onChange();
      return false;
    }
    this.entries.push({ event, version });
    this.pump();
    return true;
  }

  /**
   * Queues a clinician's event and resolves once it is committed (after every event before it), or with null
   * when the queue cannot take it now (full, or no journal) — or could not write it within `deadlineMs`: then it
   * is taken out of the queue again, unwritten, so that the clinician is told at once to try again (her station
   * queues and replays it) instead of waiting in silence behind a failing journal, and nothing is recorded that
   * she was told failed. An event already being written when the deadline passes waits for that write.
   */
  commit(
    event: AlarmEventInput,
    version: number,
    deadlineMs = Number.POSITIVE_INFINITY,
  ): Promise<AppendOutcome | null> {
    if (this.state === 'none' || this.entries.length >= this.options.capacity) return Promise.resolve(null);
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const entry: Entry = {
        event,
        version,
        settle: {
          resolve: (outcome) => {
            if (timer !== null) clearTimeout(timer);
            resolve(outcome);
          },
        },
      };
      this.entries.push(entry);
      if (Number.isFinite(deadlineMs)) {
        timer = setTimeout(() => {
          timer = null;
          const at = this.entries.indexOf(entry);
          if (at < 0 || (at === 0 && this.writing)) return;
          this.entries.splice(at, 1);
          resolve(null);
        }, deadlineMs);
        timer.unref?.();
      }
      this.pump();
    });
  }

  /** Where the journal stands; `currentVersion` is the service's snapshot version now. */
  status(currentVersion: number): JournalStatus {
    const head = this.entries[0];
    return {
      state: this.state,
      committedVersion: head === undefined ? currentVersion : Math.max(0, head.version - 1),
      queued: this.entries.length,
      dropped: this.dropped,
    };
  }

  /** Why the journal cannot keep the record now, or null: the ALARM LOG FAILURE condition. */
  failure(): string | null {
    if (this.state === 'failing') return this.lastProblem ?? 'the alarm journal cannot be written';
    if (this.dropped > 0 && this.entries.length > 0)
      return `${this.dropped} alarm event${this.dropped === 1 ? '' : 's'} could not be kept while the journal was behind`;
    return null;
  }

  /** Resolves when every queued event is committed, or the queue was stopped (tests, shutdown). */
  async drained(): Promise<void> {
    while (this.entries.length > 0 && this.state !== 'none' && !this.stopped)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Stops retrying (gateway shutdown). */
  stop(): void {
    this.stopped = true;
    this.clearOpenTimer();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearOpenTimer(): void {
    if (this.openTimer !== null) clearTimeout(this.openTimer);
    this.openTimer = null;
  }

  private problem(reason: string): void {
    const fresh = this.state !== 'failing';
    this.state = 'failing';
    this.lastProblem = reason;
    if (fresh) this.options.logger.error('ALARM LOG FAILURE', { reason });
    this.options.onChange();
  }

  private pump(): void {
    if (this.writing || this.sink === null || this.retryTimer !== null) return;
    const entry = this.entries[0];
    if (entry === undefined) return;
    this.writing = true;
    const sink = this.sink;
    sink.append(entry.event).then(
      (outcome) => {
        this.writing = false;
        this.entries.shift();
        entry.settle?.resolve(outcome);
        const recovered = this.state === 'failing';
        this.failures = 0;
        if (recovered) {
          this.state = 'ok';
          this.lastProblem = null;
          this.options.logger.info('the alarm journal is written again', { queued: this.entries.length });
        }
        if (recovered || this.entries.length === 0) this.options.onChange();
        this.pump();
      },
      (error: unknown) => {
        this.writing = false;
        this.failures += 1;
        this.problem(`an alarm event could not be written (${describeError(error)}); retrying`);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.pump();
        }, this.options.retryDelayMs(this.failures));
        this.retryTimer.unref?.();
      },
    );
  }
}
