/**
 * The gateway's MLLP client toward one HL7 receiver (an IHE ACM Alarm Manager, an EMR's DEC consumer): one
 * connection, one message in flight, each waiting for its ACK as HL7's original mode asks, in the order given.
 * A message the receiver refuses (AE/AR) is not resent — resending would be refused again — and is reported; one
 * that got no ACK in time is resent after reconnecting (the receiver may see it twice: its control ID lets it tell).
 * The queue is bounded: what cannot wait is dropped and counted. The sender's health — when the receiver last
 * acknowledged, what is wrong now — is what the gateway turns into a technical alarm.
 */
import net from 'node:net';
import tls from 'node:tls';
import { describeError, type Logger } from '../../common/logging/logger';
import { mllpFrame, MllpFramer } from './mllp-framer';

/** Where to send. */
export interface MllpTarget {
  readonly host: string;
  readonly port: number;
  /** TLS with this CA (PEM) to check the receiver; plain TCP without. */
  readonly caPem?: string;
}

/** How the sender behaves. */
export interface MllpSenderOptions {
  readonly target: MllpTarget;
  /** How long to wait for an ACK. */
  readonly ackTimeoutMs: number;
  /** Messages waiting at most; past it the oldest waiting is dropped, counted. */
  readonly capacity: number;
  readonly logger: Logger;
  /** Told whenever the health changes (a problem starts, changes or ends). */
  readonly onHealthChange?: (problem: string | null) => void;
}

/** Defaults: 5 s for an ACK, 1000 messages waiting. */
export const DEFAULT_MLLP_SENDER = { ackTimeoutMs: 5000, capacity: 1000 } as const;

/** What became of one message. */
export type SendOutcome = { readonly code: 'AA' | 'AE' | 'AR'; readonly ack: string } | { readonly code: 'DROPPED' };

/** What the sender counted. */
export interface MllpSenderCounts {
  sent: number;
  acknowledged: number;
  refused: number;
  timeouts: number;
  dropped: number;
  reconnects: number;
}

interface Pending {
  readonly text: string;
  readonly resolve: (outcome: SendOutcome) => void;
}

/** The sender. */
export class MllpSender {
  private readonly queue: Pending[] = [];
  private socket: net.Socket | null = null;
  private connected = false;
  private inFlight: Pending | null = null;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private problemNow: string | null = null;
  /** Whether the problem is that the receiver cannot be reached (a connection ends it) or that it is silent. */
  private problemKind: 'unreachable' | 'silent' | null = null;
  private closed = false;
  readonly counts: MllpSenderCounts = { sent: 0, acknowledged: 0, refused: 0, timeouts: 0, dropped: 0, reconnects: 0 };

  constructor(private readonly options: MllpSenderOptions) {}

  /** What is wrong now (the receiver cannot be reached, does not answer), or null when it acknowledges. */
  problem(): string | null {
    return this.problemNow;
  }

  /** Queues `text` (one HL7 message) and resolves with its ACK, or DROPPED. */
  send(text: string): Promise<SendOutcome> {
    if (this.closed) return Promise.resolve({ code: 'DROPPED' });
    return new Promise((resolve) => {
      if (this.queue.length >= this.options.capacity) {
        this.counts.dropped += 1;
        this.queue.shift()?.resolve({ code: 'DROPPED' });
      }
      this.queue.push({ text, resolve });
      this.pump();
    });
  }

  /** Connects now if not connected (an idle sender's check that its receiver is there); a failure is a problem. */
  probe(): void {
    if (!this.connected) this.connect();
  }

  /** Stops: what waits is dropped. */
  close(): void {
    this.closed = true;
    if (this.ackTimer !== null) clearTimeout(this.ackTimer);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.socket?.destroy();
    for (const pending of [...(this.inFlight === null ? [] : [this.inFlight]), ...this.queue.splice(0)])
      pending.resolve({ code: 'DROPPED' });
    this.inFlight = null;
  }

  private setProblem(problem: string | null, kind: 'unreachable' | 'silent' | null = null): void {
    this.problemKind = problem === null ? null : kind;
    if (problem === this.problemNow) return;
    this.problemNow = problem;
    this.options.onHealthChange?.(problem);
  }

  private pump(): void {
    if (this.closed || this.inFlight !== null || this.queue.length === 0) return;
    if (!this.connected) {
      this.connect();
      return;
    }
    const next = this.queue.shift() as Pending;
    this.inFlight = next;
    this.counts.sent += 1;
    this.socket?.write(mllpFrame(next.text));
    this.ackTimer = setTimeout(() => {
      this.counts.timeouts += 1;
      this.setProblem(`no acknowledgment within ${this.options.ackTimeoutMs / 1000} s`, 'silent');
      // Resent after reconnecting: the receiver may be stuck on this connection.
      this.queue.unshift(next);
      this.inFlight = null;
      this.socket?.destroy();
    }, this.options.ackTimeoutMs);
  }

  private connect(): void {
    if (this.socket !== null || this.retryTimer !== null || this.closed) return;
    const { host, port, caPem } = this.options.target;
    const socket =
      caPem === undefined ? net.connect({ host, port }) : tls.connect({ host, port, ca: caPem, servername: host });
    this.socket = socket;
    const framer = new MllpFramer(1024 * 1024);
    socket.setNoDelay(true);
    socket.once(caPem === undefined ? 'connect' : 'secureConnect', () => {
      this.connected = true;
      this.failures = 0;
      if (this.problemKind === 'unreachable') this.setProblem(null);
      this.pump();
    });
    socket.on('data', (data: Buffer) => {
      for (const event of framer.push(data)) if (event.kind === 'frame') this.answered(event.payload.toString('utf8'));
    });
    socket.on('error', (error) => {
      this.setProblem(`cannot reach ${host}:${port} (${describeError(error)})`, 'unreachable');
    });
    socket.on('close', () => {
      this.socket = null;
      this.connected = false;
      if (this.ackTimer !== null) clearTimeout(this.ackTimer);
      this.ackTimer = null;
      const interrupted = this.inFlight !== null;
      if (this.inFlight !== null) {
        this.queue.unshift(this.inFlight);
        this.inFlight = null;
      }
      if (this.closed) return;
      // A receiver may close an idle connection; one that drops a message waiting for its ACK is a problem.
      if (interrupted && this.problemNow === null)
        this.setProblem(`the connection to ${host}:${port} closed before an acknowledgment`, 'unreachable');
      this.failures += 1;
      this.counts.reconnects += 1;
      const delay = Math.min(10_000, 250 * 2 ** Math.min(this.failures, 6));
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        // Reconnect at once while something waits; an idle sender waits for its next probe or message.
        if (this.queue.length > 0) this.connect();
      }, delay);
      this.retryTimer.unref?.();
    });
  }

  private answered(ack: string): void {
    const pending = this.inFlight;
    if (pending === null) return;
    if (this.ackTimer !== null) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    this.inFlight = null;
    const code = /(?:^|\r)MSA\|(AA|AE|AR|CA|CE|CR)/.exec(ack)?.[1] ?? 'AR';
    const normalized = code === 'AA' || code === 'CA' ? 'AA' : code === 'AE' || code === 'CE' ? 'AE' : 'AR';
    if (normalized === 'AA') this.counts.acknowledged += 1;
    else {
      this.counts.refused += 1;
      this.options.logger.warn('HL7 receiver refused a message', {
        target: `${this.options.target.host}:${this.options.target.port}`,
        code,
      });
    }
    // The receiver answers: whatever it thought of this message, it is there.
    this.setProblem(null);
    pending.resolve({ code: normalized, ack });
    this.pump();
  }
}

/**
 * A sender with the defaults whose health changes go to the log as `what` (e.g. "EMR vitals"): for receivers whose
 * failure is worth a log line but not an alarm (the alarm manager's is an alarm: alarm-reporter.ts).
 */
export function loggedSender(target: MllpTarget, logger: Logger, what: string): MllpSender {
  const where = `${target.host}:${target.port}`;
  return new MllpSender({
    target,
    ackTimeoutMs: DEFAULT_MLLP_SENDER.ackTimeoutMs,
    capacity: DEFAULT_MLLP_SENDER.capacity,
    logger,
    onHealthChange: (problem) =>
      problem === null
        ? logger.info(`${what} goes through again`, { to: where })
        : logger.warn(`${what} cannot be delivered`, { to: where, problem }),
  });
}
