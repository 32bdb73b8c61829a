import { describe, expect, it, vi } from 'vitest';
import { CALL_CHANNELS } from '../../../../common/ipc/channels';
import { ok } from '../../../../common/ipc/result';
import { createIpcRouter, type CallerContext, type CallHandlers } from '../../../../main/ipc/router';
import { sampleIdentity } from '../../../support/identity-fixture';
import { createRecordingLogger } from '../../../support/recording-logger';

const caller: CallerContext = { transport: 'browser-host', callerId: 'test-1' };

function routerWith(handler: CallHandlers['getStationIdentity']) {
  const spy = vi.fn(handler);
  const logger = createRecordingLogger();
  const unused = async (): Promise<never> => {
    throw new Error('not used here');
  };
  const handlers: CallHandlers = {
    getStationIdentity: spy,
    getCensus: async () => ok(null),
    getCredentialStoreStatus: unused,
    getSession: unused,
    signIn: unused,
    signOut: unused,
    lockStation: unused,
    unlockStation: unused,
    noteActivity: unused,
    getStreamCredential: unused,
    enrollStation: unused,
    forgetStation: unused,
    getWardSettings: unused,
    updateStationSettings: unused,
    updateAlarmPolicy: unused,
    getAlarms: unused,
    acknowledgeAlarm: unused,
    resetAlarm: unused,
    pauseAlarmAudio: unused,
    pauseCommsLostAudio: unused,
    dismissAcknowledgment: unused,
    getAlarmHistory: unused,
    getAlarmDetail: unused,
    getWaveformStrip: unused,
    getAlarmStats: unused,
    saveReportAsPdf: unused,
    getSecurityLog: unused,
    listUsers: unused,
    setUserDisabled: unused,
    resetUserPassword: unused,
    addUser: unused,
    listDevices: unused,
    assignDevice: unused,
    sendVitals: unused,
    chartObservations: unused,
    listRemote: unused,
    enrollRemote: unused,
    registerRemoteDevice: unused,
    getTrends: unused,
    getUpdateStatus: unused,
    checkForUpdate: unused,
    installUpdate: unused,
  };
  return { router: createIpcRouter(handlers, logger), spy, logger };
}

describe('IPC router', () => {
  it('answers a valid call with the handler’s value', async () => {
    const { router } = routerWith(async () => ok(sampleIdentity()));
    const result = await router.dispatch(CALL_CHANNELS.getStationIdentity, undefined, caller);
    expect(result).toEqual({ ok: true, value: sampleIdentity() });
  });

  it('rejects a request of the wrong type with a clear error, and the handler never runs', async () => {
    const { router, spy, logger } = routerWith(async () => ok(sampleIdentity()));
    const result = await router.dispatch(CALL_CHANNELS.getStationIdentity, { stationName: 42 }, caller);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_REQUEST');
    expect(result.error.message).toMatch(/^getStationIdentity: the request is invalid: /);
    expect(spy).not.toHaveBeenCalled();
    expect(logger.lines.some((line) => line.level === 'warn' && line.message === 'rejected an invalid request')).toBe(
      true,
    );
  });

  it.each([['station:delete-everything'], [''], [42], [null], [{ channel: 'station:get-identity' }]])(
    'rejects the unknown channel %j without running any handler',
    async (channel) => {
      const { router, spy } = routerWith(async () => ok(sampleIdentity()));
      const result = await router.dispatch(channel, undefined, caller);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(spy).not.toHaveBeenCalled();
    },
  );

  it('turns a handler exception into INTERNAL without leaking its message', async () => {
    const { router, logger } = routerWith(async () => {
      throw new Error('database password is hunter2');
    });
    const result = await router.dispatch(CALL_CHANNELS.getStationIdentity, undefined, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).not.toContain('hunter2');
    expect(logger.lines.find((line) => line.message === 'a handler threw')?.level).toBe('error');
  });

  it('refuses to send a reply that breaks the contract', async () => {
    const broken = { ...sampleIdentity(), stationName: '' };
    const { router } = routerWith(async () => ok(broken));
    const result = await router.dispatch(CALL_CHANNELS.getStationIdentity, undefined, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REPLY' } });
  });

  it('passes a handler’s own failure through unchanged', async () => {
    const { router } = routerWith(async () => ({ ok: false, error: { code: 'TIMEOUT', message: 'slow' } }));
    const result = await router.dispatch(CALL_CHANNELS.getStationIdentity, undefined, caller);
    expect(result).toEqual({ ok: false, error: { code: 'TIMEOUT', message: 'slow' } });
  });
});
