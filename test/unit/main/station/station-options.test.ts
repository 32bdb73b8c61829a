import { describe, expect, it } from 'vitest';
import {
  checkGatewayUrl,
  parseBrowserHostArguments,
  parseElectronArguments,
} from '../../../../main/station/station-options';

describe('station options', () => {
  it('embeds a gateway unless one is given, and serves on the default port', () => {
    const options = parseBrowserHostArguments(['--station-name', 'Nurse station 1']);
    expect(options).toMatchObject({ stationName: 'Nurse station 1', gatewayUrl: null, port: 8430 });
  });

  it('connects to a remote gateway given as a URL, keeping only its origin', () => {
    expect(parseBrowserHostArguments(['--gateway', 'https://10.1.2.3:8420/', '--port', '0'])).toMatchObject({
      gatewayUrl: 'https://10.1.2.3:8420',
      insecureGateway: false,
      port: 0,
    });
  });

  it('takes the ward’s gateways as a list (leader and standby), each held to the same rules', () => {
    expect(
      parseBrowserHostArguments(['--gateway', 'https://10.1.2.3:8420/, https://10.1.2.4:8420', '--port', '0']),
    ).toMatchObject({ gatewayUrl: 'https://10.1.2.3:8420', fallbackGatewayUrls: ['https://10.1.2.4:8420'] });
    expect(parseBrowserHostArguments(['--gateway', 'https://10.1.2.3:8420']).fallbackGatewayUrls).toEqual([]);
    // A standby without TLS is refused like a leader without it: the station would send passwords to it in clear.
    expect(() => parseBrowserHostArguments(['--gateway', 'https://10.1.2.3:8420,http://10.1.2.4:8420'])).toThrow(
      /http:\/\/10.1.2.4:8420 is not encrypted/,
    );
    expect(() => parseBrowserHostArguments(['--gateway', 'https://10.1.2.3:8420,https://10.1.2.3:8420/'])).toThrow(
      /names the same gateway twice/,
    );
    expect(() => parseBrowserHostArguments(['--gateway', 'https://10.1.2.3:8420,'])).toThrow(/must be a URL/);
  });

  it('refuses an unencrypted gateway on another computer, and says how to fix it', () => {
    for (const address of ['http://10.1.2.3:8420', 'ws://gateway.ward:8420', 'http://0.0.0.0:8420'])
      expect(() => parseBrowserHostArguments(['--gateway', address])).toThrow(
        /is not encrypted: passwords, tokens and the station's secret would cross the network in clear. Start the gateway with --tls-cert\/--tls-key/,
      );
  });

  it('takes an unencrypted gateway on this computer, and one elsewhere only with --insecure-gateway', () => {
    for (const address of ['http://127.0.0.1:8420', 'http://localhost:8420', 'http://127.0.1.1:8420'])
      expect(parseBrowserHostArguments(['--gateway', address])).toMatchObject({ insecureGateway: false });
    expect(parseBrowserHostArguments(['--gateway', 'http://10.1.2.3:8420', '--insecure-gateway'])).toMatchObject({
      gatewayUrl: 'http://10.1.2.3:8420',
      insecureGateway: true,
    });
    // A flag that changes nothing for TLS or loopback does not turn the banner on.
    expect(parseElectronArguments(['--gateway', 'https://gw.ward:8420', '--insecure-gateway']).insecureGateway).toBe(
      false,
    );
  });

  it('refuses a ward CA for an http gateway instead of silently ignoring it', () => {
    expect(() =>
      parseBrowserHostArguments(['--gateway', 'http://127.0.0.1:8420', '--gateway-ca-fingerprint', 'AB'.repeat(32)]),
    ).toThrow(/--gateway-ca and --gateway-ca-fingerprint apply only to an https:\/\/ or wss:\/\/ gateway/);
  });

  it('refuses an IPv6 literal, which the window’s security policy could not name (no waves would arrive)', () => {
    expect(() => checkGatewayUrl('https://[fd00::5]:8420')).toThrow(/an IPv6 address cannot be used/);
  });

  it.each([
    [['--port', '70000'], /--port must be a port number/],
    [['--port', 'eighty'], /--port must be a port number/],
    [['--gateway', 'not a url'], /--gateway must be a URL/],
    [['--gateway', 'ftp://10.1.2.3'], /--gateway must use http, https, ws or wss/],
    [['--unknown'], /Unknown option '--unknown'/],
  ])('refuses %j with a sentence naming the option', (argv, message) => {
    expect(() => parseBrowserHostArguments(argv)).toThrow(message);
  });

  it('never accepts credentials in the gateway address', () => {
    expect(() => checkGatewayUrl('https://nurse:secret@gateway.ward:8420')).toThrow(
      /must not contain a user name or password/,
    );
  });

  it('reads the wall displays and leaves Chromium switches to Electron', () => {
    expect(parseElectronArguments(['--wall-display', '1', '--enable-logging'])).toMatchObject({ wallDisplays: [1] });
    expect(parseElectronArguments(['--wall-display', '0,1'])).toMatchObject({ wallDisplays: [0, 1] });
    expect(parseElectronArguments([])).toMatchObject({ wallDisplays: [] });
    expect(() => parseElectronArguments(['--wall-display', 'left'])).toThrow(/--wall-display takes display numbers/);
    expect(() => parseElectronArguments(['--wall-display', '1,1'])).toThrow(/names a display twice/);
  });
});
