/**
 * A valid payload for every ward request, for the tests that send each request once (the contract's round trip,
 * the authorization matrix, the store fault injection): each spreads these and changes what its own case needs.
 */
import { DEFAULT_REMOTE_THRESHOLDS } from '../../common/wire/remote-patients';
import type { WardRequestInput, WardRequestName } from '../../common/wire/ward-requests';

/** The payloads, made when called (times are "now"). */
export function validWardPayloads(): { [N in WardRequestName]: WardRequestInput<N> } {
  const now = Date.now();
  return {
    subscribe: { beds: 'all', waveforms: false },
    getSettings: {},
    setStationSettings: { autoLockMinutes: 5 },
    setAlarmPolicy: { audioPauseSeconds: 120 },
    acknowledgeAlarm: { alarmId: 'a-1', idempotencyKey: 'key-00000001' },
    resetAlarm: { alarmId: 'a-1', idempotencyKey: 'key-00000002' },
    pauseAudio: {},
    queryHistory: { fromMs: 0, toMs: now + 60_000, limit: 10 },
    historyAlarms: { fromMs: 0, toMs: now + 60_000, limit: 10 },
    historyDetail: { alarmId: 'a-1' },
    historyStrip: { bedId: 'bed-01', fromMs: now - 10_000, toMs: now },
    historyStats: { fromMs: 0, toMs: now + 60_000 },
    setScenario: { bedId: 'bed-01', scenario: 'normal' },
    listUsers: {},
    setUserDisabled: { username: 'nobody', disabled: true },
    resetUserPassword: { username: 'nobody', password: 'a long enough passphrase' },
    // Not a valid username: the store refuses it, whatever the round.
    addUser: { username: 'x', displayName: 'X', role: 'nurse', password: 'a long enough passphrase' },
    listDevices: {},
    assignDevice: { deviceId: 'ACDE48234567ABCD', bedId: null },
    sendVitals: { bedId: null },
    chartObservations: { bedId: 'bed-01', onOxygen: false, consciousness: 'A', temperature: 36.8, spo2Scale: 1 },
    listRemote: {},
    enrollRemote: {
      mrn: `H-${Math.random().toString(36).slice(2, 10)}`,
      name: 'HOME, Test',
      birthDate: null,
      thresholds: DEFAULT_REMOTE_THRESHOLDS,
      schedule: { 'blood-pressure': 26 },
    },
    registerRemoteDevice: { patientId: 'rp-nobody', model: 'Cuff' },
    trends: { bedId: 'bed-01', fromMs: now - 3_600_000, toMs: now },
    securityLog: {},
  };
}
