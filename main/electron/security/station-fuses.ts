/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * The Electron fuses of a release build, typed so that a fuse electron-builder learns about and we have not
 * decided on fails to compile (the Element Desktop habit). electron-builder.yml states the same values; a unit
 * test keeps the two equal.
 */
import type { FuseOptionsV1 } from 'app-builder-lib';

/** Every fuse, set explicitly. */
export const STATION_FUSES: Required<Omit<FuseOptionsV1, 'resetAdHocDarwinSignature'>> = {
  // No `ELECTRON_RUN_AS_NODE`: the signed binary cannot be reused as a general-purpose Node interpreter.
  runAsNode: false,
  enableCookieEncryption: true,
  // No NODE_OPTIONS / NODE_EXTRA_CA_CERTS and no --inspect: nothing outside the package changes its code.
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served over app://, never file://.
  grantFileProtocolExtraPrivileges: false,
};
