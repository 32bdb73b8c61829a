/**
 * Hospital IT's managed policy for a station (issue 18): the settings IT sets centrally (Group Policy, Intune, an
 * MDM, a configuration-management tool) and a user cannot change. One name per setting on every platform — the
 * registry value, the plist key and the JSON key are the same word, as browsers' managed policies do — so one
 * template documents all three. The readers in this folder bring the platform's raw values (a registry DWORD for a
 * boolean, a comma-separated string for a list) and this schema makes them one typed policy or refuses it whole:
 * a policy IT meant to lock down that is silently half-applied would be worse than none.
 */
import { z } from 'zod';
import { checkGatewayUrl } from '../station/station-options';
import { normalizeFingerprint } from '../session/gateway-tls';

/** Update channels a hospital's server may offer (electron-updater's names: `latest.yml`, `beta.yml`). */
export const UPDATE_CHANNELS = ['latest', 'beta'] as const;

/** `HH:MM-HH:MM` in the station's local time; it may cross midnight (22:00-02:00). */
const HOURS = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** Log levels IT can set for the station's log file, quietest last. */
export const POLICY_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** A registry DWORD (0/1), a plist or JSON boolean. */
const booleanSetting = z.preprocess(
  (value) => (value === 0 ? false : value === 1 ? true : value),
  z.boolean({ message: 'expected true or false (1 or 0 in the registry)' }),
);

/** A JSON or plist array, a REG_MULTI_SZ, or one comma-separated string (a REG_SZ). */
const listSetting = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter((part) => part.length > 0)
        : value,
    z.array(item),
  );

const whole = (min: number, max: number) =>
  z
    .number({ message: `expected a whole number from ${min} to ${max}` })
    .int()
    .min(min)
    .max(max);

/** A text checked (and normalized) by the same function the command line's option goes through. */
const checkedBy = (check: (text: string) => string) =>
  z.string().transform((text, context) => {
    try {
      return check(text);
    } catch (error) {
      context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });

const gatewayAddress = checkedBy(checkGatewayUrl);
const fingerprint = checkedBy(normalizeFingerprint);

/**
 * Every setting a policy may hold; each is optional (a policy locks only what it names). Unknown names are refused:
 * a misspelt setting would otherwise leave unlocked what IT believes locked.
 */
export const stationPolicySchema = z
  .strictObject({
    /** What the station calls itself on the ward (journal, security log). */
    StationName: z.string().min(1).max(64).optional(),
    /** The ward's gateways, leader and standbys; no embedded gateway, no other ward. */
    GatewayAddresses: listSetting(gatewayAddress).pipe(z.array(z.string()).min(1).max(4)).optional(),
    /** The ward CA file (PEM) to trust for the gateways. */
    GatewayCaFile: z.string().min(1).optional(),
    /** The SHA-256 fingerprint the ward CA must have (a pin). */
    GatewayCaFingerprint: fingerprint.optional(),
    /** False forbids `--insecure-gateway`; true allows a cleartext gateway as the flag does. */
    AllowInsecureGateway: booleanSetting.optional(),
    /** Wall displays to fill in kiosk mode (0 is the primary display); an empty list is one normal window. */
    WallDisplays: listSetting(z.coerce.number().int().min(0).max(15))
      .refine((displays) => new Set(displays).size === displays.length, 'names a display twice')
      .optional(),
    /** False keeps the station window from being minimized, where a nurse would no longer see the ward. */
    AllowMinimize: booleanSetting.optional(),
    /** The shortest idle time after which the station locks itself that the ward may set (0: no bound). */
    AutoLockMinMinutes: whole(0, 240).optional(),
    /** The longest idle time before the station locks itself, whatever the ward sets ("never" included). */
    AutoLockMaxMinutes: whole(1, 240).optional(),
    /** The quietest this station's alarm sound may be turned down to (percent), above the ward's own floor. */
    MinimumAlarmVolumePercent: whole(10, 100).optional(),
    /** The least severe line the station's log file keeps. */
    LogLevel: z.enum(POLICY_LOG_LEVELS).optional(),
    /** Days the station keeps its log files (today included); older ones are deleted. */
    LogRetentionDays: whole(1, 3650).optional(),
    /** True lets the station take updates, from UpdateServerUrl only; without it, no update is ever looked for. */
    UpdatesEnabled: booleanSetting.optional(),
    /** The hospital's own update server (https), where `npm run dist`'s latest*.yml and installers are put. */
    UpdateServerUrl: z
      .url({ protocol: /^https$/, message: 'expected an https:// address of the hospital’s update server' })
      .optional(),
    /** Which release line the server's metadata names. */
    UpdateChannel: z.enum(UPDATE_CHANNELS).optional(),
    /**
     * When the station may install by itself (local time, e.g. 02:00-04:00 — outside every shift's busy hours);
     * outside them, or without them, only an admin at the station installs. Never while an alarm is active.
     */
    UpdateInstallHours: z.string().regex(HOURS, 'expected HH:MM-HH:MM, e.g. 02:00-04:00').optional(),
  })
  .superRefine((policy, context) => {
    if (
      policy.AutoLockMinMinutes !== undefined &&
      policy.AutoLockMaxMinutes !== undefined &&
      policy.AutoLockMinMinutes > policy.AutoLockMaxMinutes
    )
      context.addIssue({
        code: 'custom',
        path: ['AutoLockMinMinutes'],
        message: `is more than AutoLockMaxMinutes (${policy.AutoLockMinMinutes} > ${policy.AutoLockMaxMinutes})`,
      });
    if (policy.UpdatesEnabled === true && policy.UpdateServerUrl === undefined)
      context.addIssue({
        code: 'custom',
        path: ['UpdateServerUrl'],
        message: 'is needed when UpdatesEnabled is on: the station takes updates only from the hospital’s server',
      });
    if (policy.GatewayCaFingerprint !== undefined && policy.GatewayCaFile === undefined && !hasTlsGateway(policy))
      context.addIssue({
        code: 'custom',
        path: ['GatewayCaFingerprint'],
        message: 'pins a CA, but no gateway address in the policy uses https:// or wss://',
      });
  });

/** A station's managed policy, typed. */
export type StationPolicy = z.infer<typeof stationPolicySchema>;

/** The names a policy may hold, for templates and messages. */
export const POLICY_SETTING_NAMES = Object.keys(stationPolicySchema.shape) as (keyof StationPolicy)[];

function hasTlsGateway(policy: { GatewayAddresses?: readonly string[] | undefined }): boolean {
  return (
    policy.GatewayAddresses === undefined ||
    policy.GatewayAddresses.some((url) => url.startsWith('https:') || url.startsWith('wss:'))
  );
}

/** A policy that could not be read or is not valid: the station refuses to start and shows this. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  /** Where the policy was read from (a file, a registry key). */
  readonly origin: string;
  /** One sentence per problem, naming the setting. */
  readonly problems: readonly string[];

  constructor(origin: string, problems: readonly string[], options?: ErrorOptions) {
    super(`the managed policy at ${origin} is not valid: ${problems.join('; ')}`, options);
    this.origin = origin;
    this.problems = problems;
  }
}

/**
 * Validates raw settings from `origin` (names as the platform gave them, values as its reader produced them).
 * @throws PolicyError listing every problem, each with the setting's name.
 */
export function parseStationPolicy(raw: Readonly<Record<string, unknown>>, origin: string): StationPolicy {
  const result = stationPolicySchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys')
      return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (known: ${POLICY_SETTING_NAMES.join(', ')})`;
    const path = issue.path.length > 0 ? issue.path.join('.') : '(policy)';
    return `${path}: ${issue.message}`;
  });
  throw new PolicyError(origin, problems);
}
