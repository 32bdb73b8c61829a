/**
 * How every test and benchmark starts Debian's Chromium (never Playwright's own download): its path, and the
 * switches this machine needs — no sandbox as root, no GPU, and no background networking, whose connections the
 * closed network refuses by the dozen. Alarms must sound without a click, as in the Electron app.
 */
export const CHROMIUM_EXECUTABLE = process.env.WARDWATCH_CHROMIUM ?? '/usr/bin/chromium';

/** The switches of every launch. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A central station must sound alarms without waiting for a click (the Electron app sets the same).
  '--autoplay-policy=no-user-gesture-required',
];

/** Launch options for Playwright's `chromium.launch`. */
export const CHROMIUM_LAUNCH = { executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] };
