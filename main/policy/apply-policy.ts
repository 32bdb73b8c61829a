/**
 * Policy beats command line beats defaults (issue 18). The policy's station settings replace the matching
 * command-line options before those are checked, so a policy's gateway address meets the same checks as one typed
 * on the command line (TLS or loopback, no credentials in it); the settings that bound what the ward may set
 * (auto-lock, alarm volume) and how the window behaves become the station's limits.
 */
import type { LogLevel } from '../../common/logging/logger';
import type { PolicySettingView, StationPolicyView } from '../../common/station/station-policy-view';
import type { ManagedPolicy } from './managed-policy';
import type { StationPolicy } from './station-policy';
import { DEFAULT_LOG_RETENTION_DAYS } from '../logging/station-log';
import { describeInstallHours, parseInstallHours, UPDATES_OFF, type UpdatePolicy } from '../updates/update-decision';

/** Option values as `parseArgs` gives them. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** Which program the station runs in: the browser host has no windows of its own to place. */
export type PolicyHost = 'electron' | 'browser-host';

/** What the station itself must keep to, whatever the ward's settings say. */
export interface StationLimits {
  /** Bounds on the ward's idle minutes before the station locks itself (0 minutes is "never"). */
  readonly autoLock: { readonly minMinutes: number; readonly maxMinutes: number | null };
  readonly minimumVolumePercent: number | null;
  readonly allowMinimize: boolean;
  /** The least severe line the station's log file keeps. */
  readonly logLevel: LogLevel;
  /** Days of log files kept. */
  readonly logRetentionDays: number;
  /** Whether, from where and when the station takes updates. */
  readonly updates: UpdatePolicy;
}

/** No policy: the ward decides, the window may be minimized, the log keeps info and above. */
export const NO_LIMITS: StationLimits = {
  autoLock: { minMinutes: 0, maxMinutes: null },
  minimumVolumePercent: null,
  allowMinimize: true,
  logLevel: 'info',
  logRetentionDays: DEFAULT_LOG_RETENTION_DAYS,
  updates: UPDATES_OFF,
};

/** The options with the policy applied, the limits, and what the Station screen shows. */
export interface PolicyApplication {
  readonly values: OptionValues;
  readonly limits: StationLimits;
  readonly view: StationPolicyView;
  /** Options given on the command line that the policy overrode, e.g. `--gateway`, for the log. */
  readonly ignoredOptions: readonly string[];
}

interface OptionSetting {
  readonly name: keyof StationPolicy;
  readonly option: string;
  readonly label: string;
  /** What the station does when neither policy nor command line says. */
  readonly byDefault: string;
  readonly hosts: readonly PolicyHost[];
}

const BOTH: readonly PolicyHost[] = ['electron', 'browser-host'];

/** The settings that are command-line options too, in the order the Station screen lists them. */
const OPTION_SETTINGS: readonly OptionSetting[] = [
  {
    name: 'StationName',
    option: 'station-name',
    label: 'Station name',
    byDefault: 'this computer’s name',
    hosts: BOTH,
  },
  { name: 'GatewayAddresses', option: 'gateway', label: 'Gateways', byDefault: 'the embedded gateway', hosts: BOTH },
  { name: 'GatewayCaFile', option: 'gateway-ca', label: 'Ward CA file', byDefault: 'the system’s CAs', hosts: BOTH },
  {
    name: 'GatewayCaFingerprint',
    option: 'gateway-ca-fingerprint',
    label: 'Ward CA pin',
    byDefault: 'none',
    hosts: BOTH,
  },
  {
    name: 'WallDisplays',
    option: 'wall-display',
    label: 'Wall displays (kiosk)',
    byDefault: 'one normal window',
    hosts: ['electron'],
  },
];

/** A policy value as an option's text. */
function asOptionText(value: StationPolicy[keyof StationPolicy]): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(',');
  return value === undefined ? undefined : String(value);
}

/**
 * Applies `policy` (null: none) to the command line's `values` for `host`.
 * @throws Error when the command line asks for what the policy forbids (`--insecure-gateway`).
 */
export function applyPolicy(
  values: OptionValues,
  policy: ManagedPolicy | null,
  place: string,
  host: PolicyHost,
): PolicyApplication {
  const settings: StationPolicy = policy?.settings ?? {};
  const merged: OptionValues = { ...values };
  const ignoredOptions: string[] = [];
  const view: PolicySettingView[] = [];

  for (const setting of OPTION_SETTINGS) {
    if (!setting.hosts.includes(host)) continue;
    const locked = settings[setting.name];
    const given = values[setting.option];
    if (locked !== undefined) {
      const text = asOptionText(locked);
      const ignored = given !== undefined && given !== text;
      if (ignored) ignoredOptions.push(`--${setting.option}`);
      merged[setting.option] = text;
      view.push(entry(setting.name, setting.label, text ?? setting.byDefault, 'policy', ignored));
    } else {
      const text = typeof given === 'string' ? given : setting.byDefault;
      view.push(entry(setting.name, setting.label, text, given === undefined ? 'default' : 'command line', false));
    }
  }

  const insecureAsked = values['insecure-gateway'] === true;
  if (settings.AllowInsecureGateway === false && insecureAsked)
    throw new Error(
      `--insecure-gateway is forbidden on this computer by IT's policy (AllowInsecureGateway is off in ${policy?.origin ?? place}); connect to the gateway over https://`,
    );
  if (settings.AllowInsecureGateway === true) merged['insecure-gateway'] = true;
  view.push(
    entry(
      'AllowInsecureGateway',
      'Gateway without TLS',
      settings.AllowInsecureGateway === false
        ? 'forbidden'
        : merged['insecure-gateway'] === true
          ? 'allowed'
          : 'not allowed',
      settings.AllowInsecureGateway === undefined ? (insecureAsked ? 'command line' : 'default') : 'policy',
      false,
    ),
  );

  const limits: StationLimits = {
    autoLock: { minMinutes: settings.AutoLockMinMinutes ?? 0, maxMinutes: settings.AutoLockMaxMinutes ?? null },
    minimumVolumePercent: settings.MinimumAlarmVolumePercent ?? null,
    allowMinimize: settings.AllowMinimize ?? true,
    logLevel: settings.LogLevel ?? NO_LIMITS.logLevel,
    logRetentionDays: settings.LogRetentionDays ?? NO_LIMITS.logRetentionDays,
    updates: {
      enabled: settings.UpdatesEnabled === true,
      serverUrl: settings.UpdatesEnabled === true ? (settings.UpdateServerUrl ?? null) : null,
      channel: settings.UpdateChannel ?? 'latest',
      installHours: settings.UpdateInstallHours === undefined ? null : parseInstallHours(settings.UpdateInstallHours),
    },
  };
  const fromPolicy = (name: keyof StationPolicy): PolicySettingView['source'] =>
    settings[name] === undefined ? 'default' : 'policy';
  view.push(
    entry(
      'AutoLockMinMinutes',
      'Auto-lock at least after',
      minutes(settings.AutoLockMinMinutes, 'the ward’s setting'),
      fromPolicy('AutoLockMinMinutes'),
      false,
    ),
    entry(
      'AutoLockMaxMinutes',
      'Auto-lock at most after',
      minutes(settings.AutoLockMaxMinutes, 'the ward’s setting'),
      fromPolicy('AutoLockMaxMinutes'),
      false,
    ),
    entry(
      'MinimumAlarmVolumePercent',
      'Alarm volume floor',
      limits.minimumVolumePercent === null
        ? 'the ward’s floor'
        : `${limits.minimumVolumePercent} % (or the ward’s, if higher)`,
      fromPolicy('MinimumAlarmVolumePercent'),
      false,
    ),
  );
  if (host === 'electron')
    view.push(
      entry(
        'AllowMinimize',
        'Window can be minimized',
        limits.allowMinimize ? 'yes' : 'no',
        fromPolicy('AllowMinimize'),
        false,
      ),
    );
  view.push(
    entry('LogLevel', 'Log file level', limits.logLevel, fromPolicy('LogLevel'), false),
    entry(
      'LogRetentionDays',
      'Log files kept',
      `${limits.logRetentionDays} days`,
      fromPolicy('LogRetentionDays'),
      false,
    ),
  );
  const { updates } = limits;
  view.push(
    entry('UpdatesEnabled', 'Updates', updates.enabled ? 'allowed' : 'off', fromPolicy('UpdatesEnabled'), false),
    entry('UpdateServerUrl', 'Update server', settings.UpdateServerUrl ?? 'none', fromPolicy('UpdateServerUrl'), false),
    entry('UpdateChannel', 'Update channel', updates.channel, fromPolicy('UpdateChannel'), false),
    entry(
      'UpdateInstallHours',
      'Installs by itself',
      updates.installHours === null ? 'never (an admin installs)' : describeInstallHours(updates.installHours),
      fromPolicy('UpdateInstallHours'),
      false,
    ),
  );

  return {
    values: merged,
    limits,
    view: {
      origin: policy?.origin ?? null,
      place,
      settings: view,
      minimumVolumePercent: limits.minimumVolumePercent,
    },
    ignoredOptions,
  };
}

/**
 * The idle minutes the station locks after: the ward's `wardMinutes` (0: never) kept within the policy's bounds —
 * "never" is longer than any maximum.
 */
export function boundAutoLockMinutes(wardMinutes: number, limits: StationLimits): number {
  const { minMinutes, maxMinutes } = limits.autoLock;
  if (wardMinutes === 0) return maxMinutes ?? 0;
  const atLeast = Math.max(wardMinutes, minMinutes);
  return maxMinutes === null ? atLeast : Math.min(atLeast, maxMinutes);
}

function minutes(value: number | undefined, otherwise: string): string {
  return value === undefined ? otherwise : `${value} min`;
}

function entry(
  name: string,
  label: string,
  value: string,
  source: PolicySettingView['source'],
  commandLineIgnored: boolean,
): PolicySettingView {
  return { name, label, value, source, commandLineIgnored };
}
