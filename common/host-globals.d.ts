/**
 * The few globals that Node and every browser context (page, worker) share, declared for common/ — which has
 * neither DOM nor Node types on purpose, so that nothing platform-specific creeps in. Add a global here only
 * if it exists, with this signature, in Node ≥ 20, Chromium pages and Web Workers.
 */
declare global {
  interface Console {
    log(...data: unknown[]): void;
    error(...data: unknown[]): void;
  }
  const console: Console;
  function setTimeout(callback: () => void, ms?: number): unknown;
  function clearTimeout(handle: unknown): void;
  function setInterval(callback: () => void, ms?: number): unknown;
  function clearInterval(handle: unknown): void;
  const performance: { now(): number };
  /** Base64 of a binary string (Node ≥ 16, every browser context). */
  function btoa(data: string): string;
  function atob(data: string): string;
  class URL {
    constructor(url: string, base?: string);
    readonly protocol: string;
    readonly host: string;
    readonly origin: string;
    readonly username: string;
    readonly password: string;
  }
}
export {};
