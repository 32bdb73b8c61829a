/**
 * Every error code a station API call can return. Codes are part of the contract: the renderer branches on them,
 * so a code is added here, never invented inline.
 */
export const IPC_ERROR_CODES = [
  /** The channel is not part of the contract (a typo, an old renderer, or a hostile page). */
  'UNKNOWN_CHANNEL',
  /** The request did not match the channel's schema; the handler never ran. */
  'INVALID_REQUEST',
  /**
   * The handler answered something that breaks the contract — a bug on the station side, logged there — or the
   * gateway answered in a version of its contract this station cannot read.
   */
  'INVALID_REPLY',
  /** The message came from a frame that is not the station's own UI. */
  'FORBIDDEN_SENDER',
  /** The transport message itself was unreadable (not JSON, wrong envelope, too large). */
  'MALFORMED_MESSAGE',
  /** The connection to the station service closed before the reply arrived. */
  'TRANSPORT_CLOSED',
  /** No reply within the call's time limit. */
  'TIMEOUT',
  /** The handler failed unexpectedly; details are in the station log. */
  'INTERNAL',
  /** Wrong username or password, or a disabled account (the gateway does not say which). */
  'BAD_CREDENTIALS',
  /** Too many failed sign-ins; the message says when to try again. */
  'RATE_LIMITED',
  /** The action needs a signed-in user and nobody is (or the station is locked). */
  'NOT_SIGNED_IN',
  /** The signed-in user's role may not do this; the message says which role may. */
  'FORBIDDEN',
  /** The session ended at the gateway (signed out elsewhere, expired, account disabled): sign in again. */
  'SESSION_ENDED',
  /** The gateway could not be reached or could not answer. */
  'GATEWAY_UNAVAILABLE',
  /** The gateway understood and refused; the message says why (an alarm that has ended, a bed it does not know). */
  'REFUSED',
  /** The OS keychain refused: the message says what is wrong with it and what to do. */
  'KEYCHAIN_FAILED',
  /** This host cannot do that (a browser host has no PDF export: the page uses the print dialog instead). */
  'UNSUPPORTED',
  /** The user cancelled (closed a save dialog). */
  'CANCELLED',
] as const;

/** One of {@link IPC_ERROR_CODES}. */
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];
