/**
 * Who is on the other end of a gateway connection: a signed-in user, or an enrolled station showing the ward
 * unattended. Tokens carry exactly this, and every socket event is authorized against it (permissions.ts).
 */
import { z } from 'zod';
import { ROLES } from './roles';

/**
 * `full`: everything the role allows. `view`: watching the ward only, whatever the role — what a station's
 * stream worker gets, so that the renderer never holds a token that could acknowledge an alarm.
 */
export const TOKEN_SCOPES = ['full', 'view'] as const;

/** A user's identity as tokens carry it. */
export const userPrincipalSchema = z.object({
  kind: z.literal('user'),
  userId: z.number().int().positive(),
  username: z.string().min(1).max(32),
  displayName: z.string().min(1).max(80),
  role: z.enum(ROLES),
  scope: z.enum(TOKEN_SCOPES),
});

/** An enrolled station's identity: it may show the ward and nothing else. */
export const stationPrincipalSchema = z.object({
  kind: z.literal('station'),
  stationId: z.string().min(1).max(64),
  stationName: z.string().min(1).max(64),
  scope: z.literal('view'),
});

/** Either kind. */
export const principalSchema = z.discriminatedUnion('kind', [userPrincipalSchema, stationPrincipalSchema]);

/** See {@link principalSchema}. */
export type Principal = z.infer<typeof principalSchema>;
/** See {@link userPrincipalSchema}. */
export type UserPrincipal = z.infer<typeof userPrincipalSchema>;

/** A principal in a few words, for logs and journals ("nurse a.nurse", "station Nurse station 1"). */
export function describePrincipal(principal: Principal): string {
  return principal.kind === 'user' ? `${principal.role} ${principal.username}` : `station ${principal.stationName}`;
}
