/**
 * The one sentence the station shows about its session (it ended, the keychain refused, the enrollment was
 * revoked…). Every part of the session writes it here; the session state carries it to the UI.
 */

/** The notice now, and how it changes. */
export interface SessionNotice {
  current(): string | null;
  set(text: string | null): void;
}

/** An empty notice. */
export function createSessionNotice(): SessionNotice {
  let text: string | null = null;
  return {
    current: () => text,
    set: (next) => {
      text = next;
    },
  };
}
