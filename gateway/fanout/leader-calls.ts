/**
 * A fan-out node's calls to the leading gateway over the bus, and its remote stand-in for the leader's sign-in
 * service: token checks and the sign-in API run on the leader (the token key lives only in its memory), so the
 * node's own HTTP routes and socket handshake (auth-http.ts, socket-auth.ts, client-handshake.ts) work unchanged
 * on top of {@link remoteAuthService}. No answer in time, or one that breaks its schema, is UNAVAILABLE — never a
 * guess.
 */
import type { Server } from 'socket.io';
import type { z } from 'zod';
import { describeError, type Logger } from '../../common/logging/logger';
import type { AuthRoute } from '../../common/wire/gateway-auth';
import type { AuthCaller, AuthOutcome, AuthService } from '../auth/auth-service';
import {
  FANOUT_CALL_MS,
  FANOUT_EVENTS,
  leaderAnswer,
  relayedAuthAnswerSchema,
  verifyAnswerSchema,
  type RelayedAuthCall,
} from './fanout-protocol';

/** Calls the leader and checks its answer; null when none came in time or it broke `schema`. */
export type LeaderCall = <S extends z.ZodType>(
  event: string,
  payload: unknown,
  schema: S,
) => Promise<z.infer<S> | null>;

/** Calls over `io`'s adapter (the bus); every failure is logged and null. */
export function leaderCalls(
  io: Server,
  logger: Logger,
  busReady: () => boolean,
  timeoutMs: number = FANOUT_CALL_MS,
): LeaderCall {
  return async (event, payload, schema) => {
    // A bus that is down answers nothing; asking would only queue the question until it is back.
    if (!busReady()) {
      logger.warn('the fan-out bus is down; the leading gateway cannot be asked', { call: event });
      return null;
    }
    let answers: unknown;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // The adapter gives up after its own 5 s; a station's request must be answered (or refused) before its wait.
      answers = await Promise.race([
        io.serverSideEmitWithAck(event, payload),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      logger.warn('the leading gateway did not answer in time', { call: event, reason: describeError(error) });
      return null;
    } finally {
      clearTimeout(timer);
    }
    const answer = leaderAnswer(answers);
    if (answer === null) {
      const given = Array.isArray(answers) ? answers.filter((one) => one !== null && one !== undefined).length : 0;
      if (given > 1)
        logger.error('more than one bus member answered a call meant for the leader; none is taken', {
          call: event,
          answers: given,
        });
      else logger.warn('no leading gateway answered', { call: event });
      return null;
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      logger.error('the leading gateway’s answer does not fit the bus protocol', { call: event });
      return null;
    }
    return parsed.data;
  };
}

const UNANSWERED = {
  ok: false,
  code: 'UNAVAILABLE',
  message: 'the ward’s leading gateway did not answer through this node; try again in a moment',
} as const;

/** The sign-in service of a fan-out node: every call answered by the leader. */
export function remoteAuthService(call: LeaderCall): AuthService {
  const route = async <T>(name: AuthRoute, request: unknown, caller: AuthCaller | null): Promise<AuthOutcome<T>> => {
    const message: RelayedAuthCall = {
      route: name,
      request,
      caller: caller ?? { address: 'fan-out node', bearer: null },
    };
    const answer = await call(FANOUT_EVENTS.auth, message, relayedAuthAnswerSchema);
    if (answer === null) return UNANSWERED;
    // The leader's answer is its auth service's own outcome; its value passed the route's schema there.
    return answer as AuthOutcome<T>;
  };
  return {
    signIn: (request, caller) => route('signIn', request, caller),
    refresh: (request) => route('refresh', request, null),
    signOut: (request) => route('signOut', request, null),
    viewToken: (caller) => route('viewToken', {}, caller),
    enroll: (request, caller) => route('enroll', request, caller),
    stationToken: (request) => route('stationToken', request, null),
    unenroll: (request) => route('unenroll', request, null),
    async verifyAccess(token) {
      const answer = await call(FANOUT_EVENTS.verify, token, verifyAnswerSchema);
      // Unchecked is not invalid: the handshake refuses the station for now, a renewal answers UNAVAILABLE.
      if (answer === null) throw new Error('the leading gateway did not answer the token check');
      return answer;
    },
    localStationToken: () =>
      Promise.reject(new Error('a fan-out node runs no station of its own; it has no local station token')),
  };
}
