/**
 * The ward's alarm policy as the alarm engine reads it on every tick. One writer, `adopt`: called with the
 * settings the database holds once it is open, and with each admin change after that (an admin can change them
 * only once the database is open, so the stored read never overtakes a change). Until then: the default policy.
 */
import { describeError, type Logger } from '../../common/logging/logger';
import { DEFAULT_WARD_SETTINGS, type AlarmPolicy, type WardSettings } from '../../common/wire/ward-settings';
import type { IdentityStores } from '../identity/gateway-identity';

/** The policy now, and its one way of changing. */
export interface AlarmPolicyHolder {
  current(): AlarmPolicy;
  /** Takes the policy of `settings` (an admin changed them, or the database delivered them). */
  adopt(settings: Pick<WardSettings, 'alarmPolicy'>): void;
}

/** Holds the default policy, and the stored one as soon as `stores` opens (none: defaults for good). */
export function holdAlarmPolicy(stores: Promise<IdentityStores> | null, logger: Logger): AlarmPolicyHolder {
  let policy: AlarmPolicy = DEFAULT_WARD_SETTINGS.alarmPolicy;
  const holder: AlarmPolicyHolder = {
    current: () => policy,
    adopt: (settings) => {
      policy = settings.alarmPolicy;
    },
  };
  stores
    ?.then(async (ready) => holder.adopt(await ready.settings.read()))
    .catch((error: unknown) => logger.error('the alarm policy could not be loaded', { reason: describeError(error) }));
  return holder;
}
