/**
 * The update metadata on the hospital's own server (issue 18): the `latest.yml` (or `beta-mac.yml`…) that
 * electron-builder writes beside each installer, fetched and checked here in Node before anything is downloaded.
 * electron-updater verifies the download itself (its SHA-512, and on Windows the publisher's signature); this
 * check refuses what it would not: a file on another server, a version that is not newer (a downgrade is an attack
 * or a mistake), a checksum that is not one, metadata that is not what electron-builder writes.
 */
import semver from 'semver';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';

/** What electron-builder writes for each file: a path relative to the metadata, its SHA-512 (base64) and size. */
const updateFileSchema = z.looseObject({
  url: z.string().min(1).max(2048),
  sha512: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'expected a SHA-512 in base64'),
  size: z.number().int().positive().optional(),
});

/** The metadata file; fields electron-builder adds that the station does not need are kept, not refused. */
const updateMetadataSchema = z.looseObject({
  version: z.string().refine((version) => semver.valid(version) !== null, 'expected a semantic version, e.g. 1.4.2'),
  files: z.array(updateFileSchema).min(1).max(32),
  releaseDate: z.string().refine((date) => !Number.isNaN(Date.parse(date)), 'expected a date'),
  releaseName: z.string().max(200).nullish(),
  releaseNotes: z.unknown().optional(),
});

/** An update the server offers that this station may take. */
export interface UpdateOffer {
  readonly version: string;
  readonly releaseDate: string;
  readonly releaseName: string | null;
  /** The installer's address (on the hospital's server). */
  readonly fileUrl: string;
  readonly sha512: string;
}

/** Metadata that cannot be used; the reason is shown on the Station screen and logged. */
export class UpdateMetadataError extends Error {
  override readonly name = 'UpdateMetadataError';
}

/** The metadata file's name for `channel` on `platform` (a `process.platform`), as electron-builder names it. */
export function metadataFileName(channel: string, platform: string): string {
  if (platform === 'darwin') return `${channel}-mac.yml`;
  if (platform === 'linux') return `${channel}-linux.yml`;
  return `${channel}.yml`;
}

/**
 * Checks the metadata `text` read from `metadataUrl` against the running `currentVersion`: null when there is no
 * newer version. @throws UpdateMetadataError saying what is wrong with it.
 */
export function parseUpdateMetadata(
  text: string,
  metadataUrl: string,
  currentVersion: string,
  channel: string,
): UpdateOffer | null {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 10 });
  } catch (error) {
    throw new UpdateMetadataError(`the update metadata is not YAML (${error instanceof Error ? error.message : ''})`);
  }
  const parsed = updateMetadataSchema.safeParse(raw);
  if (!parsed.success)
    throw new UpdateMetadataError(`the update metadata is not valid: ${summarizeSchemaIssues(parsed.error)}`);
  const metadata = parsed.data;
  if (channel === 'latest' && semver.prerelease(metadata.version) !== null)
    throw new UpdateMetadataError(`the latest channel offers a pre-release (${metadata.version})`);
  if (!semver.gt(metadata.version, currentVersion)) return null;
  const file = metadata.files[0] as z.infer<typeof updateFileSchema>;
  const base = new URL(metadataUrl);
  let fileUrl: URL;
  try {
    fileUrl = new URL(file.url, base);
  } catch {
    throw new UpdateMetadataError(`the update's file address "${file.url.slice(0, 100)}" is not one`);
  }
  if (fileUrl.origin !== base.origin)
    throw new UpdateMetadataError(
      `the update's file is on ${fileUrl.origin}, not on the hospital's update server ${base.origin}`,
    );
  return {
    version: metadata.version,
    releaseDate: metadata.releaseDate,
    releaseName: metadata.releaseName ?? null,
    fileUrl: fileUrl.toString(),
    sha512: file.sha512,
  };
}
