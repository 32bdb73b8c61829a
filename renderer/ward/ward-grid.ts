/**
 * The grid for n beds on a wall display: as many columns as rows, so that tiles keep the screen's own 16:9
 * shape — wide, as traces need (1 → 1×1, 4 → 2×2, 7 → 3×3, 16 → 4×4, 32 → 6×6, 64 → 8×8). Rows left empty
 * at the end are dropped (5 → 3×2).
 */
export function gridFor(beds: number): { columns: number; rows: number } {
  const columns = Math.max(1, Math.ceil(Math.sqrt(beds)));
  return { columns, rows: Math.max(1, Math.ceil(beds / columns)) };
}
