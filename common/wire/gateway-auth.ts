/**
 * The gateway's sign-in API: small JSON requests over HTTP(S) on the gateway's own port, before any socket is
 * opened (the socket.io handshake then requires the access token this API grants). Credentials travel only in
 * request bodies and the `Authorization` header — never in a URL, which ends up in logs.
 *
 * - sign-in: username + password → a short-lived access token and a refresh token (rotated on every refresh);
 * - refresh: a refresh token → a new pair; the old refresh token stops working;
 * - sign-out: revokes the refresh token's session (its sockets are dropped);
 * - view-token: any valid access token → a `view`-scoped one for the station's stream worker;
 * - enroll (admin's access token): a station name → the station's id and secret, shown once;
 * - station-token: station id + secret → a `view` token, so an enrolled station shows the ward unattended;
 * - unenroll: station id + secret → the enrollment is revoked ("forget this station").
 */
import { z } from 'zod';
import { userPrincipalSchema } from '../identity/principal';
import type { GatewayErrorCode } from './gateway-reply';

/** Paths of the sign-in API. */
export const AUTH_PATHS = {
  signIn: '/auth/sign-in',
  refresh: '/auth/refresh',
  signOut: '/auth/sign-out',
  viewToken: '/auth/view-token',
  enroll: '/auth/enroll',
  stationToken: '/auth/station-token',
  unenroll: '/auth/unenroll',
} as const;

/** Largest request body the API reads. */
export const MAX_AUTH_BODY_BYTES = 4096;

const secretText = z.string().min(1).max(512);
const stationName = z.string().trim().min(1).max(64);

/** Request bodies, by path key. */
export const AUTH_REQUESTS = {
  signIn: z.object({
    username: z.string().trim().toLowerCase().min(1).max(32),
    password: z.string().min(1).max(256),
    stationName,
    /** A long refresh token that the station keeps in the OS keychain. */
    staySignedIn: z.boolean(),
  }),
  refresh: z.object({ refreshToken: secretText }),
  signOut: z.object({ refreshToken: secretText }),
  viewToken: z.object({}),
  enroll: z.object({ stationName }),
  stationToken: z.object({ stationId: z.string().min(1).max(64), secret: secretText }),
  unenroll: z.object({ stationId: z.string().min(1).max(64), secret: secretText }),
} as const;

/** An access token and when it stops working (gateway clock, epoch ms). */
export const accessGrantSchema = z.object({
  accessToken: z.string().min(1),
  accessExpiresAtMs: z.number().int().positive(),
});

/** What sign-in and refresh return. */
export const tokenGrantSchema = accessGrantSchema.extend({
  refreshToken: z.string().min(1),
  refreshExpiresAtMs: z.number().int().positive(),
  user: userPrincipalSchema,
});

/** What enrollment returns: shown to the station once, kept only in its keychain. */
export const enrollmentSchema = z.object({
  stationId: z.string().min(1).max(64),
  stationName,
  secret: z.string().min(1),
});

/** Replies, by path key. */
export const AUTH_REPLIES = {
  signIn: tokenGrantSchema,
  refresh: tokenGrantSchema,
  signOut: z.object({ signedOut: z.boolean() }),
  viewToken: accessGrantSchema,
  enroll: enrollmentSchema,
  stationToken: accessGrantSchema.extend({ stationName }),
  unenroll: z.object({ forgotten: z.boolean() }),
} as const;

/** A sign-in API path key. */
export type AuthRoute = keyof typeof AUTH_PATHS;
/** Request body of a route. */
export type AuthRequest<R extends AuthRoute> = z.input<(typeof AUTH_REQUESTS)[R]>;
/** Reply of a route. */
export type AuthReply<R extends AuthRoute> = z.output<(typeof AUTH_REPLIES)[R]>;
/** See {@link tokenGrantSchema}. */
export type TokenGrant = z.infer<typeof tokenGrantSchema>;
/** See {@link enrollmentSchema}. */
export type Enrollment = z.infer<typeof enrollmentSchema>;

/** Why the sign-in API refused, with the HTTP status it answers with. */
export const AUTH_ERROR_STATUS = {
  INVALID_REQUEST: 400,
  BAD_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const satisfies Partial<Record<GatewayErrorCode, number>>;

/** One of the sign-in API's error codes. */
export type AuthErrorCode = keyof typeof AUTH_ERROR_STATUS;

/** The body of every refusal. */
export const authErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(AUTH_ERROR_STATUS) as [AuthErrorCode, ...AuthErrorCode[]]),
    message: z.string(),
    /** For RATE_LIMITED: when to try again. */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
});

/** See {@link authErrorBodySchema}. */
export type AuthErrorBody = z.infer<typeof authErrorBodySchema>;
