/**
 * Which part of the ward this display shows. A ward with more beds than one screen can hold spreads them over
 * several wall displays: display k of n shows the k-th of n equal runs of beds (`?page=2/2` on the page's URL;
 * the Electron app sets it for each window of `--wall-display 0,1`).
 */

/** A page of the ward: 1-based index and count. */
export interface WardPage {
  readonly index: number;
  readonly count: number;
}

/** The whole ward on one display. */
export const WHOLE_WARD: WardPage = { index: 1, count: 1 };

/** Reads `page=k/n` from a query string; anything malformed means the whole ward (never an empty screen). */
export function wardPageFrom(search: string): WardPage {
  const match = /^(\d{1,2})\/(\d{1,2})$/.exec(new URLSearchParams(search).get('page') ?? '');
  if (match === null) return WHOLE_WARD;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : WHOLE_WARD;
}

/** The beds of a page: consecutive, as even as possible, the earlier pages taking the remainder. */
export function bedsOfPage<T>(beds: readonly T[], page: WardPage): T[] {
  const base = Math.floor(beds.length / page.count);
  const extra = beds.length % page.count;
  const start = (page.index - 1) * base + Math.min(page.index - 1, extra);
  const size = base + (page.index <= extra ? 1 : 0);
  return beds.slice(start, start + size);
}
