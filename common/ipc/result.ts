/**
 * The shape every station API call resolves to, on every transport.
 *
 * Errors are values, never exceptions across a process boundary (the Signal Desktop habit): a renderer that
 * awaits a call always gets an answer it can show, and a handler bug cannot take the transport down with it.
 */
import type { IpcErrorCode } from './error-codes';

/** A failure a user or a log can act on: a stable code for code, a sentence for people. */
export interface IpcError {
  readonly code: IpcErrorCode;
  readonly message: string;
}

/** The reply of a station API call. */
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

/** Wraps a successful value. */
export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** Wraps a failure with its code and a message that says what happened and, where possible, what to do. */
export function fail<T = never>(code: IpcErrorCode, message: string): IpcResult<T> {
  return { ok: false, error: { code, message } };
}
