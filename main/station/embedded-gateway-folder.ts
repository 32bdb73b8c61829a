/**
 * Where the station's embedded gateway keeps its data: `<station data>/gateway/`, laid out as any gateway's data
 * folder (`database/`, `disclosure/`). Stations before 2026-12 used `gateway-db/` and `gateway-disclosure/` beside
 * each other; those are moved into place on first start, so no user, journal or waveform is left behind.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../common/logging/logger';
import { databaseFolderIn, disclosureFolderIn } from '../../gateway/identity/identity-arguments';

/** The embedded gateway's data folder inside `stationDataDir`, with older layouts moved into it. */
export function embeddedGatewayFolder(stationDataDir: string, logger: Logger): string {
  const folder = join(stationDataDir, 'gateway');
  const legacy: readonly (readonly [string, string])[] = [
    [join(stationDataDir, 'gateway-db'), databaseFolderIn(folder)],
    [join(stationDataDir, 'gateway-disclosure'), disclosureFolderIn(folder)],
  ];
  for (const [from, to] of legacy) {
    if (!existsSync(from) || existsSync(to)) continue;
    mkdirSync(folder, { recursive: true });
    renameSync(from, to);
    logger.info('moved the embedded gateway’s data to its new place', { from, to });
  }
  return folder;
}
