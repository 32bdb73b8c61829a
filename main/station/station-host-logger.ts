/** The log both station hosts start with once their options (and IT's policy) are known. */
import type { Logger } from '../../common/logging/logger';
import { createStationLogger } from '../logging/station-log';
import { NO_LIMITS } from '../policy/apply-policy';
import type { StationOptions } from './station-options';

/**
 * The station's logger at the policy's level and retention, which first says which command-line options IT's
 * policy overrode (someone who typed `--gateway` and sees another gateway finds why in the log).
 */
export function createStationHostLogger(options: StationOptions): Logger {
  const limits = options.policy?.limits ?? NO_LIMITS;
  const logger = createStationLogger('station', options.dataDir, {
    minimum: limits.logLevel,
    retentionDays: limits.logRetentionDays,
  });
  if (options.policy !== undefined && options.policy.ignoredOptions.length > 0)
    logger.warn('command-line options overridden by IT’s policy', {
      options: options.policy.ignoredOptions.join(' '),
      policy: options.policy.view.origin,
    });
  return logger;
}
