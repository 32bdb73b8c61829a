/**
 * Whether the station service (main) can be reached from this page. In Electron main and renderer live and die
 * together, so it is always reachable; in the browser host the WebSocket can drop, and the UI must then say so.
 */
export interface ServiceReachability {
  isReachable(): boolean;
  onChange(listener: (reachable: boolean) => void): () => void;
  /** Why the service cannot be reached when the page knows (e.g. it was opened without its launch key); else null. */
  problem(): string | null;
}

/** The reachability of a service that shares the page's lifetime (Electron's main process). */
export const ALWAYS_REACHABLE: ServiceReachability = {
  isReachable: () => true,
  onChange: () => () => undefined,
  problem: () => null,
};
