/**
 * Command-line options shared by both station hosts (Electron and the browser host), parsed and checked in one
 * place so that a typo stops the station with a sentence that says which option is wrong.
 */
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_WARD_NAME, parsePort } from '../../gateway/gateway-defaults';
import { WARD_ARGUMENTS, wardSetupFromArguments, type WardSetup } from '../../gateway/ward-setup';
import { loadGatewayTlsSettings, type GatewayTlsSettings } from '../session/gateway-tls';
import type { StationPolicyView } from '../../common/station/station-policy-view';
import { applyPolicy, type PolicyHost, type StationLimits } from '../policy/apply-policy';
import type { ManagedPolicy } from '../policy/managed-policy';

/** Where the station gets its ward from and what it calls itself. */
export interface StationOptions {
  readonly stationName: string;
  /** A remote gateway to connect to; null starts the embedded gateway. */
  readonly gatewayUrl: string | null;
  /**
   * The ward's other gateways (`--gateway a,b`: a two-gateway ward, one leading, one standing by), tried in turn
   * when the one in use cannot be reached; empty for one gateway.
   */
  readonly fallbackGatewayUrls?: readonly string[];
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
  /**
   * IT allowed a remote gateway without TLS (`--insecure-gateway`): passwords and tokens cross the network in
   * clear, and the station says so in a banner that cannot be dismissed.
   */
  readonly insecureGateway: boolean;
  /**
   * IT's managed policy as applied (policy beats command line beats defaults): what the Station screen lists and
   * the limits the station keeps to; absent where a test or tool starts a runtime without one (no limits).
   */
  readonly policy?: {
    readonly view: StationPolicyView;
    readonly limits: StationLimits;
    /** Command-line options the policy overrode, for the log. */
    readonly ignoredOptions: readonly string[];
  };
}

/** The policy a host read at start (null: none) and the platform place it looked in, in words. */
export interface PolicyInput {
  readonly policy: ManagedPolicy | null;
  readonly place: string;
}

/** No managed policy (tools and tests that pass none). */
export const NO_POLICY: PolicyInput = { policy: null, place: 'none' };

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
  'insecure-gateway': { type: 'boolean' },
  ...WARD_ARGUMENTS,
} as const;

/**
 * What the browser host needs before its policy is read: where a test's policy file is, and the port to show a
 * startup problem on (the default when the port option itself is wrong).
 */
export function browserHostStartArguments(argv: readonly string[]): { policyFile: string | undefined; port: number } {
  const { values } = parseArgs({
    args: [...argv],
    options: { 'policy-file': { type: 'string' }, port: { type: 'string' } },
    strict: false,
  });
  const policyFile = typeof values['policy-file'] === 'string' ? values['policy-file'] : undefined;
  let port = DEFAULT_BROWSER_HOST_PORT;
  try {
    if (typeof values.port === 'string') port = parsePort(values.port, '--port');
  } catch {
    // The full parse names the bad port; the problem page uses the default one meanwhile.
  }
  return { policyFile, port };
}

/**
 * Parses the browser host's arguments under IT's `policy`. @throws Error naming the bad option, or the policy
 * setting that forbids it.
 */
export function parseBrowserHostArguments(
  argv: readonly string[],
  policy: PolicyInput = NO_POLICY,
): BrowserHostOptions {
  const { values: given } = parseArgs({
    args: [...argv],
    options: {
      ...STATION_ARGUMENTS,
      port: { type: 'string', default: String(DEFAULT_BROWSER_HOST_PORT) },
      'policy-file': { type: 'string' },
    },
    strict: true,
  });
  // --policy-file was read before this parse (browserHostStartArguments); it is no station setting.
  const { 'policy-file': _policyFile, port, ...values } = given;
  const { options } = withPolicy(values, policy, 'browser-host');
  return { ...options, port: parsePort(port, '--port') };
}

/**
 * Parses the Electron app's arguments under IT's `policy`; unknown ones (Chromium switches) are left to Electron.
 * @throws Error naming the bad option, or the policy setting that forbids it.
 */
export function parseElectronArguments(
  argv: readonly string[],
  policy: PolicyInput = NO_POLICY,
): ElectronStationOptions {
  const { values: given } = parseArgs({
    args: [...argv],
    options: { ...STATION_ARGUMENTS, 'wall-display': { type: 'string' } },
    strict: false,
  });
  const { options, merged: values } = withPolicy(given, policy, 'electron');
  const wall = values['wall-display'];
  if (wall !== undefined && (typeof wall !== 'string' || !/^\d+(,\d+)*$/.test(wall))) {
    throw new Error(
      `--wall-display takes display numbers, e.g. 0 or 0,1 (0 is the primary display), got "${String(wall)}"`,
    );
  }
  const displays = wall === undefined ? [] : wall.split(',').map(Number);
  if (new Set(displays).size !== displays.length)
    throw new Error(`--wall-display names a display twice: "${String(wall)}"`);
  return { ...options, wallDisplays: displays };
}

/**
 * The station options from the command line's `values` with the policy applied first, so that a policy's value
 * meets every check a typed one does; an error then says which settings came from the policy.
 */
function withPolicy(
  values: Record<string, string | boolean | undefined>,
  input: PolicyInput,
  host: PolicyHost,
): { options: StationOptions; merged: Record<string, string | boolean | undefined> } {
  const applied = applyPolicy(values, input.policy, input.place, host);
  try {
    const options = stationOptionsFrom(applied.values);
    return {
      options: {
        ...options,
        policy: { view: applied.view, limits: applied.limits, ignoredOptions: applied.ignoredOptions },
      },
      merged: applied.values,
    };
  } catch (error) {
    const locked = applied.view.settings
      .filter((setting) => setting.source === 'policy')
      .map((setting) => setting.name);
    if (input.policy === null || locked.length === 0) throw error;
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (IT's policy in ${input.policy.origin} sets ${locked.join(', ')})`,
      { cause: error },
    );
  }
}

function stationOptionsFrom(values: Record<string, string | boolean | undefined>): StationOptions {
  const name = optionalString(values['station-name'], '--station-name') ?? `Station ${hostname()}`;
  if (name.length === 0 || name.length > 64) throw new Error('--station-name must be 1 to 64 characters');
  const gateway = optionalString(values.gateway, '--gateway');
  const insecure = values['insecure-gateway'];
  if (insecure !== undefined && typeof insecure !== 'boolean') throw new Error('--insecure-gateway takes no value');
  const tls = loadGatewayTlsSettings(
    optionalString(values['gateway-ca'], '--gateway-ca'),
    optionalString(values['gateway-ca-fingerprint'], '--gateway-ca-fingerprint'),
  );
  const gatewayUrls = gateway === undefined ? [] : gateway.split(',').map((entry) => checkGatewayUrl(entry.trim()));
  if (new Set(gatewayUrls).size !== gatewayUrls.length)
    throw new Error(`--gateway names the same gateway twice: "${gateway ?? ''}"`);
  if (gatewayUrls.length > 4)
    throw new Error('--gateway takes at most 4 addresses (a ward has one leader and its standbys)');
  const transports = gatewayUrls.map((url) => checkGatewayTransport(url, tls, insecure === true));
  const gatewayUrl = gatewayUrls[0] ?? null;
  return {
    stationName: name,
    gatewayUrl,
    fallbackGatewayUrls: gatewayUrls.slice(1),
    wardName: optionalString(values.ward, '--ward') ?? DEFAULT_WARD_NAME,
    ward: wardSetupFromArguments(values),
    dataDir: optionalString(values['data-dir'], '--data-dir') ?? null,
    tls,
    insecureGateway: transports.includes('cleartext'),
  };
}

/** True for an address on this very computer (127.0.0.0/8, ::1, localhost): no network is crossed. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * How the station may reach its gateway: over TLS, over loopback in clear, or — only when IT said so with
 * `--insecure-gateway` — in clear across the network.
 * @throws Error when the address is cleartext to another computer without the flag, or a ward CA is given for
 * an address that would never use it.
 */
export function checkGatewayTransport(
  gatewayUrl: string,
  tls: GatewayTlsSettings,
  insecureAllowed: boolean,
): 'tls' | 'loopback' | 'cleartext' {
  const url = new URL(gatewayUrl);
  if (url.protocol === 'https:' || url.protocol === 'wss:') return 'tls';
  if (tls.caPem !== null || tls.pinnedFingerprint !== null)
    throw new Error(
      `--gateway-ca and --gateway-ca-fingerprint apply only to an https:// or wss:// gateway, and ${url.origin} is ${url.protocol.replace(':', '')}; give the gateway's https:// address`,
    );
  if (isLoopbackHost(url.hostname)) return 'loopback';
  if (insecureAllowed) return 'cleartext';
  throw new Error(
    `--gateway ${url.origin} is not encrypted: passwords, tokens and the station's secret would cross the network in clear. Start the gateway with --tls-cert/--tls-key and give its https:// address, or (only on an isolated test network) add --insecure-gateway`,
  );
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
  // A content security policy cannot name an IPv6 literal (CSP host-source grammar), so the window's stream would
  // be blocked while the control link works: a ward that looks connected and shows no waves.
  if (url.hostname.startsWith('[')) {
    throw new Error(
      `--gateway ${url.origin}: an IPv6 address cannot be used (the station window's security policy cannot name one); give the gateway's DNS name or IPv4 address`,
    );
  }
  return url.origin;
}
