/**
 * The station's update service against a real HTTPS server with a throwaway hospital CA — the hospital's own update
 * server, serving the metadata electron-builder writes. The installer is a recording stand-in for electron-updater,
 * which needs a packaged Electron app and cannot run here; everything up to it (the fetch over TLS, the metadata
 * checks, the states, the decision to install) is the real code.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../common/station/update-status';
import { parseInstallHours, type UpdatePolicy } from '../../../main/updates/update-decision';
import type { UpdateOffer } from '../../../main/updates/update-metadata';
import { startUpdateService, type UpdateService } from '../../../main/updates/update-service';
import { createRecordingLogger } from '../../support/recording-logger';
import { createThrowawayPki } from '../../support/throwaway-ca';
import { waitFor } from '../../support/wait-for';

const SHA = `${'B'.repeat(85)}g==`;
const pki = createThrowawayPki('Hospital update CA');
const trusting = new Agent({ connect: { ca: pki.caPem } });
const tlsFetch = ((url: URL, init: RequestInit) =>
  undiciFetch(url, { ...(init as object), dispatcher: trusting })) as unknown as typeof fetch;

let server: Server | null = null;
let service: UpdateService | null = null;
afterEach(async () => {
  service?.close();
  await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  server = null;
});

/** The hospital's server: `files` by path; anything else is 404. */
async function updateServer(
  files: Record<string, { status?: number; body: string; location?: string }>,
): Promise<string> {
  server = createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem }, (request, response) => {
    const file = files[request.url ?? ''];
    if (file === undefined) return void response.writeHead(404).end('not here');
    response
      .writeHead(file.status ?? 200, file.location === undefined ? {} : { location: file.location })
      .end(file.body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/wardwatch/`;
}

const metadata = (version: string): string =>
  `version: ${version}\nfiles:\n  - url: WardWatch-${version}.AppImage\n    sha512: ${SHA}\n    size: 1000\npath: WardWatch-${version}.AppImage\nsha512: ${SHA}\nreleaseDate: '2026-11-30T09:00:00.000Z'\n`;

/** The stand-in for electron-updater: records what it was asked. */
function recordingInstaller() {
  const calls: string[] = [];
  return {
    calls,
    download: async (offer: UpdateOffer) => {
      calls.push(`download ${offer.version} ${offer.fileUrl}`);
    },
    install: () => calls.push('install'),
  };
}

function start(
  policy: UpdatePolicy,
  options: {
    alarms?: () => number | null;
    minute?: () => number;
    installer?: ReturnType<typeof recordingInstaller> | null;
  },
) {
  const changes: UpdateStatus[] = [];
  service = startUpdateService({
    policy,
    currentVersion: '0.1.0',
    platform: 'linux',
    installer: options.installer === undefined ? recordingInstaller() : options.installer,
    standingAlarms: options.alarms ?? (() => 0),
    localMinute: options.minute ?? (() => 12 * 60),
    logger: createRecordingLogger(),
    onChange: (status) => changes.push(status),
    installCheckEveryMs: 50,
    fetch: tlsFetch,
  });
  return { service, changes };
}

const policyFor = (serverUrl: string, hours: string | null = null): UpdatePolicy => ({
  enabled: true,
  serverUrl,
  channel: 'latest',
  installHours: hours === null ? null : parseInstallHours(hours),
});

describe('the update service', () => {
  it('finds a newer version on the hospital’s server, has it downloaded, and installs it for an admin only without alarms', async () => {
    const url = await updateServer({ '/wardwatch/latest-linux.yml': { body: metadata('0.2.0') } });
    const installer = recordingInstaller();
    let alarms: number | null = 2;
    const { service } = start(policyFor(url), { installer, alarms: () => alarms });
    await waitFor('the update downloaded', () => service.status().state === 'ready');
    expect(installer.calls).toEqual([`download 0.2.0 ${url}WardWatch-0.2.0.AppImage`]);
    expect(service.status()).toMatchObject({
      available: { version: '0.2.0' },
      blockedBecause: '2 alarms are active on the ward',
      whoMayInstall: 'an admin at this station — never while an alarm is active',
    });
    expect(service.installByAdmin()).toEqual({ allowed: false, reason: '2 alarms are active on the ward' });
    alarms = null;
    expect(service.installByAdmin()).toMatchObject({ allowed: false, reason: expect.stringMatching(/cannot see/) });
    expect(installer.calls).not.toContain('install');
    alarms = 0;
    expect(service.installByAdmin()).toEqual({ allowed: true });
    expect(installer.calls).toContain('install');
    expect(service.status().state).toBe('installing');
  });

  it('installs by itself in IT’s install hours once no alarm stands, and not outside them', async () => {
    const url = await updateServer({ '/wardwatch/latest-linux.yml': { body: metadata('0.3.0') } });
    const installer = recordingInstaller();
    let alarms = 1;
    let minute = 12 * 60;
    start(policyFor(url, '02:00-04:00'), { installer, alarms: () => alarms, minute: () => minute });
    await waitFor('the download', () => installer.calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    minute = 3 * 60;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(installer.calls).toEqual([expect.stringMatching(/^download 0\.3\.0/)]);
    alarms = 0;
    await waitFor('the install in the install hours', () => installer.calls.includes('install'));
  });

  it('is up to date when the server has nothing newer', async () => {
    const url = await updateServer({ '/wardwatch/latest-linux.yml': { body: metadata('0.1.0') } });
    const { service } = start(policyFor(url), {});
    await waitFor('up to date', () => service.status().state === 'up-to-date');
    expect(service.status().available).toBeNull();
  });

  it('says why a check failed: a missing file, a redirect away, metadata pointing elsewhere', async () => {
    const url = await updateServer({
      '/wardwatch/beta-linux.yml': { status: 302, body: '', location: 'https://evil.example/beta-linux.yml' },
    });
    const { service } = start(policyFor(url), {});
    await waitFor('the failed check', () => service.status().state === 'failed');
    expect(service.status().problem).toMatch(/answered 404/);
    service.close();
    const redirecting = start({ ...policyFor(url), channel: 'beta' }, {});
    await waitFor('the refused redirect', () => redirecting.service.status().state === 'failed');
    expect(redirecting.service.status().problem).toMatch(/could not be asked/);
  });

  it('with updates off never asks the server, and in the browser host shows the offer without installing', async () => {
    let asked = 0;
    const url = await updateServer({ '/wardwatch/latest-linux.yml': { body: metadata('0.2.0') } });
    server?.on('request', () => (asked += 1));
    const off = start({ enabled: false, serverUrl: null, channel: 'latest', installHours: null }, {});
    expect(off.service.status()).toMatchObject({
      state: 'off',
      whoMayInstall: expect.stringMatching(/^nobody: IT’s policy/),
    });
    off.service.close();
    const host = start(policyFor(url), { installer: null });
    await waitFor('the offer', () => host.service.status().state === 'available');
    expect(host.service.status()).toMatchObject({
      available: { version: '0.2.0' },
      blockedBecause: 'the browser host cannot install updates',
      whoMayInstall: 'nobody here: the desktop app installs updates, not the browser host',
    });
    expect(asked).toBe(1);
  });
});
