/**
 * Who may do what (DESIGN.md §4): nurses and physicians are the clinical roles that acknowledge and pause
 * alarms; everyone reads history; only admins (hospital IT) change alarm policy and station settings.
 */

/** Every role, as stored and as carried in tokens. */
export const ROLES = ['nurse', 'physician', 'admin'] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** True when `value` is a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
