/**
 * What a ward's gateway nodes say to each other on the fan-out bus (fanout-bus.ts): the leader publishes each
 * tick's encoded frame segments, the numerics, the census and revocations; a fan-out node asks the leader — the
 * only node with the token key, the journal and the alarm engine — to check a token, to run a sign-in call, to
 * answer a station's request (carrying the station's own token), and for a joining station's first state; it tells
 * the leader the security events it saw (handshakes it refused), which the leader's one security log keeps. Every
 * message is checked against its schema on arrival, both ways, as at every other boundary (common/ipc/).
 *
 * Nothing a node says about a station is taken on its word: a passed-on request carries the station's token.
 *
 * A call goes out with socket.io's `serverSideEmitWithAck`, which every other node answers; a node that is not
 * the leader answers `null`, so the caller takes the one answer that is not.
 */
import { z } from 'zod';
import { principalSchema } from '../../common/identity/principal';
import { alarmSnapshotSchema } from '../../common/alarms/alarm-model';
import { bedNumericsSchema, censusSchema } from '../../common/wire/ward-messages';
import { AUTH_PATHS } from '../../common/wire/gateway-auth';
import { securityEventSchema } from '../../common/wire/security-events';

/** The bus's events. */
export const FANOUT_EVENTS = {
  /** leader → nodes: one tick's encoded segments by wire bed number, their frame counts and the batch time. */
  tick: 'fanout:tick',
  /** leader → nodes: every bed's numerics of this second, as the leader sends its own stations. */
  numerics: 'fanout:numerics',
  /** leader → nodes: the census, whenever it changes (and on a node's join). */
  census: 'fanout:census',
  /** leader → nodes: a session or enrollment ended; its sockets are dropped everywhere. */
  revoke: 'fanout:revoke',
  /** node → leader, not answered: a security event the node saw, for the ward's one security log. */
  security: 'fanout:security',
  /** node → leader, answered: a token check. */
  verify: 'fanout:verify',
  /** node → leader, answered: a sign-in API call a station made at the node. */
  auth: 'fanout:auth',
  /** node → leader, answered: a station's request, with the station's own token (the leader checks it again). */
  request: 'fanout:request',
  /** node → leader, answered: what a station gets on connecting (the ward's name, census, alarms). */
  joined: 'fanout:joined',
} as const;

/**
 * How long a node waits for the leader's answer to a call: under the adapter's own fixed 5 s for a server-side
 * call, and under a station's waits (10 s for a sign-in, 5 s or more for a request).
 */
export const FANOUT_CALL_MS = 4000;

/** A verified access as it travels (access-tokens.ts's VerifiedAccess). */
export const verifiedAccessSchema = z.object({
  principal: principalSchema,
  sessionId: z.string().max(128).nullable(),
  expiresAtMs: z.number().int().positive(),
  via: z.object({ stationId: z.string().max(64), stationName: z.string().max(64) }).nullable(),
});

/** The answer to a token check. */
export const verifyAnswerSchema = z.union([verifiedAccessSchema, z.enum(['TOKEN_EXPIRED', 'TOKEN_INVALID'])]);

/**
 * A station's request passed on by a node: with the station's own token, which the leader checks again — a node's
 * word about who is asking is never taken, so nothing on the bus can act in a clinician's name without her token.
 */
export const relayedRequestSchema = z.object({
  event: z.string().min(1).max(64),
  payload: z.unknown(),
  token: z.string().min(1).max(4096),
  stationName: z.string().max(64),
  address: z.string().max(64),
});

/** A sign-in API call passed on by a node: the route, its body as the station sent it, and who called. */
export const relayedAuthCallSchema = z.object({
  route: z.enum(Object.keys(AUTH_PATHS) as [keyof typeof AUTH_PATHS, ...(keyof typeof AUTH_PATHS)[]]),
  request: z.unknown(),
  caller: z.object({ address: z.string().max(64), bearer: z.string().max(4096).nullable() }),
});

/** The answer of the sign-in API to a passed-on call. */
export const relayedAuthAnswerSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    code: z.string(),
    message: z.string(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
]);

/** What a station gets on connecting to a node, from the leader. */
export const joinedAnswerSchema = z.object({
  wardName: z.string(),
  gatewayVersion: z.string(),
  census: censusSchema,
  alarms: alarmSnapshotSchema,
});

/** A tick as it travels: MessagePack keeps the segments binary. */
export const tickMessageSchema = z.object({
  segments: z.array(z.instanceof(Uint8Array).nullable()).max(4096),
  frameCounts: z.array(z.number().int().nonnegative().nullable()).max(4096),
  batchTimeMs: z.number().finite(),
});

/** A security event a node saw, as it travels: what the leader's log records, without its id and time. */
export const relayedSecurityEventSchema = securityEventSchema.pick({
  kind: true,
  severity: true,
  source: true,
  username: true,
  message: true,
});

/** The numerics of a second as they travel. */
export const numericsMessageSchema = z.array(bedNumericsSchema).max(4096);

/**
 * The one answer among every other member's answers that is not `null` (the leader's), or null — also when two
 * members answered: a second leader, or a member forging answers, and nobody can tell which is the ward's; in
 * doubt the call is unanswered (the station is told UNAVAILABLE and tries again), never decided by arrival order.
 */
export function leaderAnswer(answers: unknown): unknown {
  if (!Array.isArray(answers)) return null;
  const given = answers.filter((answer) => answer !== null && answer !== undefined);
  return given.length === 1 ? (given[0] as unknown) : null;
}

/** See {@link verifyAnswerSchema}. */
export type VerifyAnswer = z.infer<typeof verifyAnswerSchema>;
/** See {@link relayedAuthCallSchema}. */
export type RelayedAuthCall = z.infer<typeof relayedAuthCallSchema>;
/** See {@link relayedAuthAnswerSchema}. */
export type RelayedAuthAnswer = z.infer<typeof relayedAuthAnswerSchema>;
/** See {@link relayedSecurityEventSchema}. */
export type RelayedSecurityEvent = z.infer<typeof relayedSecurityEventSchema>;
/** See {@link joinedAnswerSchema}. */
export type JoinedAnswer = z.infer<typeof joinedAnswerSchema>;
