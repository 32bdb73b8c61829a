/**
 * The station's controlled updates (issue 18): it asks the hospital's own server — never another — at start and
 * every few hours, checks the metadata (update-metadata.ts), lets the host download and verify the installer, and
 * installs only when update-decision.ts says it may: an admin's click or IT's install hours, never while an alarm
 * stands. The host brings the part only Electron can do (electron-updater); the browser host brings none and shows
 * what the server offers without installing it.
 */
import type { Logger } from '../../common/logging/logger';
import { describeError } from '../../common/logging/logger';
import type { UpdateStatus } from '../../common/station/update-status';
import {
  describeInstallHours,
  mayInstallUpdate,
  type UpdateInstallDecision,
  type UpdatePolicy,
} from './update-decision';
import { metadataFileName, parseUpdateMetadata, UpdateMetadataError, type UpdateOffer } from './update-metadata';

/** What only the desktop app can do: download and verify an installer, then quit and install it. */
export interface UpdateInstaller {
  /** Downloads `offer` from the hospital's server and verifies it; resolves once it is ready to install. */
  download(offer: UpdateOffer): Promise<void>;
  /** Quits the station and installs (it starts again on the new version). */
  install(): void;
}

/** What the service needs from the station. */
export interface UpdateServiceOptions {
  readonly policy: UpdatePolicy;
  readonly currentVersion: string;
  /** A `process.platform` value: which metadata file to read. */
  readonly platform: string;
  /** The host's installer; null where the station cannot install (the browser host). */
  readonly installer: UpdateInstaller | null;
  /** The alarms standing on the ward as the station last heard, or null when it cannot know. */
  readonly standingAlarms: () => number | null;
  /** The station's local time, minutes after midnight. */
  readonly localMinute: () => number;
  readonly logger: Logger;
  readonly onChange: (status: UpdateStatus) => void;
  /** How often to ask the server; 4 h by default. */
  readonly checkEveryMs?: number;
  /** How often to see whether the install hours allow an install; 1 min by default. */
  readonly installCheckEveryMs?: number;
  readonly fetch?: typeof fetch;
}

/** A running update service. */
export interface UpdateService {
  status(): UpdateStatus;
  /** Asks the server now (and downloads what it offers, where the host can). */
  checkNow(): Promise<UpdateStatus>;
  /** An admin's install; the decision's reason when it may not. */
  installByAdmin(): UpdateInstallDecision;
  close(): void;
}

const FOUR_HOURS_MS = 4 * 60 * 60 * 1000;
const METADATA_LIMIT_BYTES = 256 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

/** Starts the service; with updates off it never asks anything. */
export function startUpdateService(options: UpdateServiceOptions): UpdateService {
  const { policy, logger } = options;
  const fetcher = options.fetch ?? fetch;
  let state: UpdateStatus['state'] = policy.enabled ? 'checking' : 'off';
  let offer: UpdateOffer | null = null;
  let lastCheckedAtMs: number | null = null;
  let problem: string | null = null;
  let checking: Promise<UpdateStatus> | null = null;

  const decide = (by: 'admin' | 'install-hours'): UpdateInstallDecision =>
    mayInstallUpdate({
      policy,
      ready: state === 'ready',
      standingAlarms: options.standingAlarms(),
      localMinute: options.localMinute(),
      by,
    });
  const whoMayInstall = (): string => {
    if (!policy.enabled) return 'nobody: IT’s policy does not allow updates on this computer';
    if (options.installer === null) return 'nobody here: the desktop app installs updates, not the browser host';
    const hours =
      policy.installHours === null ? '' : `, or the station itself ${describeInstallHours(policy.installHours)}`;
    return `an admin at this station${hours} — never while an alarm is active`;
  };
  const status = (): UpdateStatus => {
    const admin = decide('admin');
    return {
      currentVersion: options.currentVersion,
      state,
      server: policy.serverUrl,
      channel: policy.channel,
      installHours: policy.installHours === null ? null : describeInstallHours(policy.installHours),
      available:
        offer === null
          ? null
          : { version: offer.version, releaseDate: offer.releaseDate, releaseName: offer.releaseName },
      lastCheckedAtMs,
      problem,
      whoMayInstall: whoMayInstall(),
      blockedBecause:
        options.installer === null ? 'the browser host cannot install updates' : admin.allowed ? null : admin.reason,
    };
  };
  const changed = (): void => options.onChange(status());

  const check = async (): Promise<UpdateStatus> => {
    if (!policy.enabled || policy.serverUrl === null) return status();
    if (state === 'downloading' || state === 'ready' || state === 'installing') return status();
    state = 'checking';
    changed();
    const metadataUrl = new URL(metadataFileName(policy.channel, options.platform), withSlash(policy.serverUrl));
    try {
      const response = await fetcher(metadataUrl, {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        redirect: 'error',
        headers: { accept: 'application/x-yaml, text/yaml, */*' },
      });
      if (!response.ok)
        throw new UpdateMetadataError(`the update server answered ${response.status} for ${metadataUrl}`);
      const text = await response.text();
      if (text.length > METADATA_LIMIT_BYTES)
        throw new UpdateMetadataError(`the update metadata is over ${METADATA_LIMIT_BYTES / 1024} kB`);
      lastCheckedAtMs = Date.now();
      offer = parseUpdateMetadata(text, metadataUrl.toString(), options.currentVersion, policy.channel);
      problem = null;
      state = offer === null ? 'up-to-date' : 'available';
      if (offer !== null) logger.info('update available on the hospital’s server', { version: offer.version });
    } catch (error) {
      lastCheckedAtMs = Date.now();
      offer = null;
      state = 'failed';
      problem =
        error instanceof UpdateMetadataError
          ? error.message
          : `the update server could not be asked (${describeError(error)})`;
      logger.warn('update check failed', { server: policy.serverUrl, reason: problem });
    }
    changed();
    if (offer !== null && options.installer !== null) await download(offer, options.installer);
    return status();
  };

  const download = async (found: UpdateOffer, installer: UpdateInstaller): Promise<void> => {
    state = 'downloading';
    changed();
    try {
      await installer.download(found);
      state = 'ready';
      logger.info('update downloaded and verified', { version: found.version });
    } catch (error) {
      state = 'failed';
      problem = `the update could not be downloaded or verified (${describeError(error)})`;
      logger.warn('update download failed', { version: found.version, reason: problem });
    }
    changed();
  };

  const install = (by: 'admin' | 'install-hours'): UpdateInstallDecision => {
    const decision = decide(by);
    if (!decision.allowed || options.installer === null) return decision;
    state = 'installing';
    changed();
    logger.warn('installing an update: the station restarts', { version: offer?.version ?? '?', by });
    options.installer.install();
    return decision;
  };

  const checkNow = (): Promise<UpdateStatus> => {
    checking ??= check().finally(() => {
      checking = null;
    });
    return checking;
  };

  const timers: ReturnType<typeof setInterval>[] = [];
  if (policy.enabled) {
    void checkNow();
    timers.push(setInterval(() => void checkNow(), options.checkEveryMs ?? FOUR_HOURS_MS));
    timers.push(
      setInterval(() => {
        if (state === 'ready' && policy.installHours !== null) install('install-hours');
      }, options.installCheckEveryMs ?? 60_000),
    );
    for (const timer of timers) timer.unref();
  }

  return {
    status,
    checkNow,
    installByAdmin: () => install('admin'),
    close: () => {
      for (const timer of timers) clearInterval(timer);
    },
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
