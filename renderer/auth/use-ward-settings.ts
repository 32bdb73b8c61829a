/**
 * The ward's settings (from the gateway, through the station) via React Query, replaced when the gateway pushes
 * a change.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import type { WardSettings } from '../../common/wire/ward-settings';
import type { StationCallError } from '../station/use-station-identity';
import { usePushedStationValue } from '../station/use-pushed-station-value';

/** React Query key of the ward settings. */
export const WARD_SETTINGS_KEY = ['ward', 'settings'] as const;

/** The settings, or null until the gateway has sent them. */
export function useWardSettings(): UseQueryResult<WardSettings | null, StationCallError> {
  return usePushedStationValue<WardSettings | null, 'wardSettingsChanged'>(
    WARD_SETTINGS_KEY,
    'wardSettingsChanged',
    (api) => api.getWardSettings(),
  );
}
