/**
 * Command-line options shared by both station hosts (Electron and the browser host), parsed and checked in one
 * place so that a typo stops the station with a sentence that says which option is wrong.
 */
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_WARD_NAME, parsePort } from '../../gateway/gateway-defaults';
import { WARD_ARGUMENTS, wardSetupFromArguments, type WardSetup } from '../../gateway/ward-setup';
import { loadGatewayTlsSettings, type GatewayTlsSettings } from '../session/gateway-tls';

/** Where the station gets its ward from and what it calls itself. */
export interface StationOptions {
  readonly stationName: string;
  /** A remote gateway to connect to; null starts the embedded gateway. */
  readonly gatewayUrl: string | null;
  /** Ward name of the embedded gateway. */
  readonly wardName: string;
  /** The embedded gateway's beds (simulated or recordings). */
  readonly ward: WardSetup;
  /**
   * Where the station keeps its files (its log, the embedded gateway's database); null keeps nothing on disk (the
   * browser host's default). Never a credential: those are in the OS keychain.
   */
  readonly dataDir: string | null;
  /** The ward CA to trust and pin for a remote gateway over https/wss. */
  readonly tls: GatewayTlsSettings;
}

/** Options of the browser host: the station plus the local HTTP port it serves on. */
export interface BrowserHostOptions extends StationOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
}

/** Options of the Electron app: the station plus the wall-display placement. */
export interface ElectronStationOptions extends StationOptions {
  /**
   * Displays to fill in kiosk mode, one window each, the ward's beds shared out between them in this order;
   * empty for one normal window.
   */
  readonly wallDisplays: readonly number[];
}

/** Default port of the browser host. */
export const DEFAULT_BROWSER_HOST_PORT = 8430;

const STATION_ARGUMENTS = {
  'station-name': { type: 'string' },
  gateway: { type: 'string' },
  ward: { type: 'string' },
  'data-dir': { type: 'string' },
  'gateway-ca': { type: 'string' },
  'gateway-ca-fingerprint': { type: 'string' },
  ...WARD_ARGUMENTS,
} as const;

/** Parses the browser host's arguments. @throws Error naming the bad option. */
export function parseBrowserHostArguments(argv: readonly string[]): BrowserHostOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { ...STATION_ARGUMENTS, port: { type: 'string', default: String(DEFAULT_BROWSER_HOST_PORT) } },
    strict: true,
  });
  return { ...stationOptionsFrom(values), port: parsePort(values.port, '--port') };
}

/** Parses the Electron app's arguments; unknown ones (Chromium switches) are left to Electron. */
export function parseElectronArguments(argv: readonly string[]): ElectronStationOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { ...STATION_ARGUMENTS, 'wall-display': { type: 'string' } },
    strict: false,
  });
  const wall = values['wall-display'];
  if (wall !== undefined && (typeof wall !== 'string' || !/^\d+(,\d+)*$/.test(wall))) {
    throw new Error(
      `--wall-display takes display numbers, e.g. 0 or 0,1 (0 is the primary display), got "${String(wall)}"`,
    );
  }
  const displays = wall === undefined ? [] : wall.split(',').map(Number);
  if (new Set(displays).size !== displays.length)
    throw new Error(`--wall-display names a display twice: "${String(wall)}"`);
  return { ...stationOptionsFrom(values), wallDisplays: displays };
}

function stationOptionsFrom(values: Record<string, string | boolean | undefined>): StationOptions {
  const name = optionalString(values['station-name'], '--station-name') ?? `Station ${hostname()}`;
  if (name.length === 0 || name.length > 64) throw new Error('--station-name must be 1 to 64 characters');
  const gateway = optionalString(values.gateway, '--gateway');
  return {
    stationName: name,
    gatewayUrl: gateway === undefined ? null : checkGatewayUrl(gateway),
    wardName: optionalString(values.ward, '--ward') ?? DEFAULT_WARD_NAME,
    ward: wardSetupFromArguments(values),
    dataDir: optionalString(values['data-dir'], '--data-dir') ?? null,
    tls: loadGatewayTlsSettings(
      optionalString(values['gateway-ca'], '--gateway-ca'),
      optionalString(values['gateway-ca-fingerprint'], '--gateway-ca-fingerprint'),
    ),
  };
}

function optionalString(value: string | boolean | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`${option} needs a value`);
  return value;
}

/**
 * Accepts http(s)/ws(s) gateway addresses without credentials.
 * @throws Error when the address is not a URL, uses another scheme or carries a user name or password —
 * credentials never travel in a URL (it ends up in logs and the UI).
 */
export function checkGatewayUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--gateway must be a URL such as http://10.1.2.3:8420, got "${text}"`);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new Error(`--gateway must use http, https, ws or wss, got "${url.protocol}"`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error('--gateway must not contain a user name or password; stations sign in through the keychain');
  }
  return url.origin;
}
