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
    expect(parseBrowserHostArguments(['--gateway', 'http://10.1.2.3:8420/', '--port', '0'])).toMatchObject({
      gatewayUrl: 'http://10.1.2.3:8420',
      port: 0,
    });
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
