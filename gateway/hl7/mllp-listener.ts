/**
 * The gateway's MLLP listener (issue 15): where bedside monitors, pumps, ADT and alarm managers send HL7 v2. Plain
 * TCP or TLS, bound to the gateway's host, open only to the senders an admin allowed. Every frame gets an answer —
 * AA, or AE/AR with an ERR saying what is wrong — in the order the frames came; bad input is refused and counted,
 * and neither it nor a failing handler ends the connection, let alone the gateway.
 */
import { isIP } from 'node:net';
import net from 'node:net';
import tls from 'node:tls';
import { describeError, type Logger } from '../../common/logging/logger';
import { buildAck, HL7_ERROR, parseHl7, type AckCode, type Hl7Message, type Hl7Problem } from './hl7-message';
import { mllpFrame, MllpFramer } from './mllp-framer';
import { senderAllowed, type AllowedSenders } from './allowed-senders';

/** What a handler says about a message: accepted, or what is wrong. */
export type Hl7Verdict = { readonly code: 'AA' } | { readonly code: 'AE' | 'AR'; readonly problem: Hl7Problem };

/** Handles one parsed message from `sender` (its address). */
export type Hl7Handler = (message: Hl7Message, sender: string) => Promise<Hl7Verdict> | Hl7Verdict;

/** The listener's options. */
export interface MllpListenerOptions {
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  readonly allowedSenders: AllowedSenders;
  /** A frame longer than this is refused (AR) without being kept. */
  readonly maxMessageBytes: number;
  /** TLS certificate and key (PEM); plain TCP without them. */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
  readonly handle: Hl7Handler;
  readonly logger: Logger;
  /** The gateway's clock, for the ACKs' MSH-7. */
  readonly now: () => number;
}

/** What the listener counted since it started. */
export interface MllpCounts {
  readonly accepted: number;
  /** Answered AE: parsed, but not usable as sent. */
  readonly errors: number;
  /** Answered AR: not HL7, too large, or refused by the handler. */
  readonly rejected: number;
  /** Connections closed at once: the sender is not on the allow list. */
  readonly refusedSenders: number;
  /** Bytes that arrived outside any frame. */
  readonly bytesOutsideFrames: number;
  /** Handler failures (answered AE, logged). */
  readonly handlerFailures: number;
}

/** A running listener. */
export interface MllpListener {
  readonly port: number;
  readonly secure: boolean;
  counts(): MllpCounts;
  close(): Promise<void>;
}

/** Default frame limit: a 10 s, 12-lead waveform message at 500 Hz is ~300 kB; 4 MB leaves room, bounds memory. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Starts listening; resolves once the port is bound. */
export async function startMllpListener(options: MllpListenerOptions): Promise<MllpListener> {
  const counts = {
    accepted: 0,
    errors: 0,
    rejected: 0,
    refusedSenders: 0,
    bytesOutsideFrames: 0,
    handlerFailures: 0,
  };
  const log = options.logger;
  let ackSequence = 0;
  const sockets = new Set<net.Socket>();

  const answerFor = async (payload: Buffer, sender: string): Promise<string> => {
    const controlId = `WW${options.now()}-${(ackSequence += 1)}`;
    const now = new Date(options.now());
    const parsed = parseHl7(payload.toString('utf8'));
    if (!parsed.ok) {
      counts.rejected += 1;
      log.warn('HL7 frame refused', { sender, reason: parsed.problem.text });
      return buildAck(null, 'AR', parsed.problem, now, controlId);
    }
    let verdict: Hl7Verdict;
    try {
      verdict = await options.handle(parsed.message, sender);
    } catch (error) {
      counts.handlerFailures += 1;
      log.error('HL7 message could not be handled', { sender, reason: describeError(error) });
      verdict = {
        code: 'AE',
        problem: { code: HL7_ERROR.internalError, text: 'the gateway could not process this message; resend it' },
      };
    }
    const code: AckCode = verdict.code;
    if (code === 'AA') counts.accepted += 1;
    else if (code === 'AE') counts.errors += 1;
    else counts.rejected += 1;
    if (verdict.code !== 'AA')
      log.info(`HL7 message answered ${verdict.code}`, { sender, reason: verdict.problem.text });
    return buildAck(parsed.message, code, verdict.code === 'AA' ? null : verdict.problem, now, controlId);
  };

  const serve = (socket: net.Socket): void => {
    const sender = normalizeAddress(socket.remoteAddress ?? '');
    if (!senderAllowed(options.allowedSenders, sender)) {
      counts.refusedSenders += 1;
      log.warn('HL7 sender not on the allow list: connection closed', { sender });
      socket.destroy();
      return;
    }
    sockets.add(socket);
    const framer = new MllpFramer(options.maxMessageBytes);
    // Answers go out in the order frames came, one handler at a time per connection (a sender waits for each ACK;
    // one that does not still gets its answers in order).
    let queue = Promise.resolve();
    const reply = (make: () => Promise<string> | string): void => {
      queue = queue
        .then(async () => {
          const answer = await make();
          if (!socket.destroyed) socket.write(mllpFrame(answer));
        })
        .catch((error: unknown) => log.error('HL7 answer could not be sent', { sender, reason: describeError(error) }));
    };
    socket.on('data', (data: Buffer) => {
      for (const event of framer.push(data)) {
        if (event.kind === 'outside-frame') {
          counts.bytesOutsideFrames += event.bytes;
          continue;
        }
        if (event.kind === 'oversized') {
          counts.rejected += 1;
          log.warn('HL7 frame over the size limit refused', { sender, bytes: event.bytes });
          const problem: Hl7Problem = {
            code: HL7_ERROR.segmentSequence,
            text: `message of ${event.bytes} bytes is over this gateway's limit of ${options.maxMessageBytes}`,
          };
          reply(() =>
            buildAck(null, 'AR', problem, new Date(options.now()), `WW${options.now()}-${(ackSequence += 1)}`),
          );
          continue;
        }
        const payload = event.payload;
        reply(() => answerFor(payload, sender));
      }
    });
    socket.on('error', (error) => log.info('HL7 connection error', { sender, reason: describeError(error) }));
    socket.on('close', () => sockets.delete(socket));
  };

  const server: net.Server =
    options.tls === undefined
      ? net.createServer(serve)
      : tls.createServer({ cert: options.tls.certPem, key: options.tls.keyPem, minVersion: 'TLSv1.2' }, serve);
  // A TLS handshake that fails (wrong CA at the sender, plain TCP to the TLS port) is the sender's problem: logged.
  server.on('tlsClientError', (error: Error) => log.warn('HL7 TLS handshake failed', { reason: describeError(error) }));
  server.on('error', (error) => log.error('HL7 listener error', { reason: describeError(error) }));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  log.info('HL7 MLLP listener started', { host: options.host, port, tls: options.tls !== undefined });
  return {
    port,
    secure: options.tls !== undefined,
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `::ffff:10.0.0.5` → `10.0.0.5`: an IPv4 sender on a dual-stack socket is listed by its IPv4 address. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped !== null && isIP(mapped[1] as string) === 4 ? (mapped[1] as string) : address;
}
