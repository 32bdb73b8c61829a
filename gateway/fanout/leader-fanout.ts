/**
 * The leading gateway's side of the fan-out bus: it publishes what a fan-out node streams — each tick's encoded
 * segments exactly as its own stations get them, the numerics, the census — and answers what only it can: token
 * checks (the token key is in its memory alone), sign-in calls, stations' requests (the journal and the alarm
 * engine are its own) and a joining station's first state. Its broadcasts (alarms, settings) reach the nodes'
 * stations through the adapter by themselves. Every call is checked against its schema and always answered:
 * a malformed one is counted and answered with a refusal, a failing one with UNAVAILABLE.
 */
import type { Server } from 'socket.io';
import { describeError, type Logger } from '../../common/logging/logger';
import { gatewayRefusal, type GatewayReply } from '../../common/wire/gateway-reply';
import type { BedNumerics, Census } from '../../common/wire/ward-messages';
import { AUTH_REQUESTS } from '../../common/wire/gateway-auth';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';
import type { AuthService, RevocationHandle } from '../auth/auth-service';
import { dispatchAuthRoute } from '../auth/auth-http';
import type { RequestOrigin } from '../auth/socket-auth';
import type { SecurityEvents } from '../security/security-log';
import type { EncodedTick } from '../streaming/subscriber-fanout';
import {
  FANOUT_EVENTS,
  relayedAuthCallSchema,
  relayedRequestSchema,
  relayedSecurityEventSchema,
  type JoinedAnswer,
  type RelayedAuthAnswer,
  type VerifyAnswer,
} from './fanout-protocol';

/** What the leader answers with. */
export interface LeaderFanoutOptions {
  readonly io: Server;
  readonly auth: AuthService;
  /** A station's request from a node, behind the same checks as a socket's own (relayedWardRequests). */
  readonly request: (origin: RequestOrigin, event: string, payload: unknown) => Promise<GatewayReply<unknown>>;
  readonly joined: () => JoinedAnswer;
  readonly counters: { fanoutCallsRefused: number };
  /** The ward's security log: a node's security events are recorded in it as the leader's own. */
  readonly security: SecurityEvents;
  readonly logger: Logger;
  /** Overrides {@link NODE_COUNT_EVERY_MS} (tests). */
  readonly nodeCountEveryMs?: number;
}

/**
 * How often the leader asks the bus whether any fan-out node listens (one `SHARDNUMSUB`): a node's stream starts
 * within this of its joining the bus, well inside the node's own wait for a first tick.
 */
export const NODE_COUNT_EVERY_MS = 1000;

/** The leader's publishing side. */
export interface LeaderFanout {
  /** Sent only while a fan-out node listens: encoding every tick for nobody costs the leader CPU at every bed. */
  publishTick(tick: EncodedTick, batchTimeMs: number): void;
  /** Sent only while a fan-out node listens. */
  publishNumerics(all: readonly BedNumerics[]): void;
  publishCensus(census: Census): void;
  revoke(handle: RevocationHandle): void;
  /** Whether the last count of the bus found a fan-out node (another member than this gateway). */
  nodesListening(): boolean;
  /** Stops counting the bus's members. */
  stop(): void;
}

/** Wraps an answer callback so that it is called once, with a value, whatever the handler does. */
function answerOnce(acknowledge: unknown): (value: unknown) => void {
  let answered = false;
  return (value) => {
    if (answered || typeof acknowledge !== 'function') return;
    answered = true;
    (acknowledge as (value: unknown) => void)(value);
  };
}

/** Starts answering the nodes on `io` (whose adapter is the bus). */
export function serveFanoutNodes(options: LeaderFanoutOptions): LeaderFanout {
  const { io, auth, counters, logger } = options;
  // Who is on the bus besides this gateway: counted, not assumed — a node that joins is streamed to within a
  // count, and one that leaves stops costing the leader anything. A count that fails (Redis down) reads as none,
  // which is what the adapter would deliver then anyway. A call from a node proves one is there at once: a station
  // signing in through it must not then be refused for want of a tick.
  let listening = false;
  const nodeCalled = (): void => {
    listening = true;
  };
  const refused = (what: string, reason: string): void => {
    counters.fanoutCallsRefused += 1;
    logger.warn('refused a call from a fan-out node', { call: what, reason });
  };

  io.on(FANOUT_EVENTS.verify, (token: unknown, acknowledge: unknown) => {
    const answer = answerOnce(acknowledge);
    nodeCalled();
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
      refused('verify', 'not a token');
      answer('TOKEN_INVALID' satisfies VerifyAnswer);
      return;
    }
    auth.verifyAccess(token).then(
      (verified) => answer(verified satisfies VerifyAnswer),
      (error: unknown) => {
        // The check itself failed (the database): the node refuses this station, which tries again.
        logger.error('a fan-out node’s token check failed', { reason: describeError(error) });
        answer('TOKEN_INVALID' satisfies VerifyAnswer);
      },
    );
  });

  io.on(FANOUT_EVENTS.auth, (call: unknown, acknowledge: unknown) => {
    const answer = answerOnce(acknowledge);
    nodeCalled();
    const parsed = relayedAuthCallSchema.safeParse(call);
    if (!parsed.success) {
      refused('auth', summarizeSchemaIssues(parsed.error));
      answer({ ok: false, code: 'INVALID_REQUEST', message: 'a malformed sign-in call' } satisfies RelayedAuthAnswer);
      return;
    }
    const { route, request, caller } = parsed.data;
    const body = AUTH_REQUESTS[route].safeParse(request);
    if (!body.success) {
      answer({
        ok: false,
        code: 'INVALID_REQUEST',
        message: summarizeSchemaIssues(body.error),
      } satisfies RelayedAuthAnswer);
      return;
    }
    dispatchAuthRoute(auth, route, body.data, caller).then(
      (outcome) => answer(outcome satisfies RelayedAuthAnswer),
      (error: unknown) => {
        logger.error('a sign-in call from a fan-out node failed', { route, reason: describeError(error) });
        answer({
          ok: false,
          code: 'UNAVAILABLE',
          message: 'the gateway failed to answer; its log has the details',
        } satisfies RelayedAuthAnswer);
      },
    );
  });

  io.on(FANOUT_EVENTS.request, (relayed: unknown, acknowledge: unknown) => {
    const answer = answerOnce(acknowledge);
    nodeCalled();
    const parsed = relayedRequestSchema.safeParse(relayed);
    if (!parsed.success) {
      refused('request', summarizeSchemaIssues(parsed.error));
      answer(gatewayRefusal('INVALID_REQUEST', 'a malformed request from a fan-out node'));
      return;
    }
    const { event, payload, token, stationName, address } = parsed.data;
    // The station's own token, checked here as at a socket's handshake: the node's word is not taken.
    auth
      .verifyAccess(token)
      .then(async (access) => {
        if (access === 'TOKEN_EXPIRED')
          return gatewayRefusal('TOKEN_EXPIRED', 'the access token has expired; the station renews it and retries');
        if (access === 'TOKEN_INVALID')
          return gatewayRefusal('TOKEN_INVALID', 'that token is not valid here; the station signs in again');
        const origin: RequestOrigin = { data: { access, stationName }, handshake: { address } };
        return options.request(origin, event, payload);
      })
      .then(answer, (error: unknown) => {
        logger.error('a passed-on request failed', { event, reason: describeError(error) });
        answer(gatewayRefusal('UNAVAILABLE', `${event} failed inside the gateway; its log has the details`));
      });
  });

  io.on(FANOUT_EVENTS.security, (event: unknown) => {
    nodeCalled();
    const parsed = relayedSecurityEventSchema.safeParse(event);
    if (!parsed.success) {
      refused('security', summarizeSchemaIssues(parsed.error));
      return;
    }
    const { kind, ...fields } = parsed.data;
    options.security.record(kind, { ...fields, message: `${fields.message} (at the ward's fan-out node)` });
  });

  io.on(FANOUT_EVENTS.joined, (_request: unknown, acknowledge: unknown) => {
    const answer = answerOnce(acknowledge);
    nodeCalled();
    try {
      answer(options.joined());
    } catch (error) {
      logger.error('a fan-out node’s join could not be answered', { reason: describeError(error) });
      answer(null);
    }
  });

  let counting = false;
  const countNodes = (): void => {
    if (counting) return;
    counting = true;
    io.of('/')
      .adapter.serverCount()
      .then(
        (members) => {
          if (members > 1 !== listening)
            logger.info(members > 1 ? 'a fan-out node listens; publishing the stream' : 'no fan-out node listens', {
              members,
            });
          listening = members > 1;
        },
        () => {
          listening = false;
        },
      )
      .finally(() => {
        counting = false;
      });
  };
  countNodes();
  const counter = setInterval(countNodes, options.nodeCountEveryMs ?? NODE_COUNT_EVERY_MS);
  counter.unref();

  return {
    nodesListening: () => listening,
    stop: () => clearInterval(counter),
    publishTick({ segments, frameCounts }, batchTimeMs) {
      if (!listening) return;
      // Holes (beds without frames this tick) travel as null.
      io.serverSideEmit(FANOUT_EVENTS.tick, {
        segments: Array.from(segments, (segment) => segment ?? null),
        frameCounts: Array.from(frameCounts, (count) => count ?? null),
        batchTimeMs,
      });
    },
    publishNumerics: (all) => {
      if (listening) io.serverSideEmit(FANOUT_EVENTS.numerics, all);
    },
    publishCensus: (census) => io.serverSideEmit(FANOUT_EVENTS.census, census),
    revoke: (handle) => io.serverSideEmit(FANOUT_EVENTS.revoke, handle),
  };
}
