/**
 * A full disk under a running gateway (test/faults/ward-under-fault.ts): its data folder — embedded PGlite
 * database, full disclosure, journal key — on a small tmpfs the case mounts, filled to the last byte for 10 s
 * while a VT is raised and acknowledged. FULL DISCLOSURE FAILURE must show; the rest of the judgement is the
 * harness's.
 *
 * Mounting a tmpfs needs root (or CAP_SYS_ADMIN): without it the case says so and is skipped; the injected write
 * failures of `npm test` (disclosure-failure-alarm, store-fault-injection) still hold.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseFolderIn } from '../../gateway/identity/identity-arguments';
import { runWardUnderFault, type WardFaultFigures } from './ward-under-fault';

/** Writes zeros until the filesystem is full; returns the bytes written. */
function fillUp(file: string): number {
  const descriptor = openSync(file, 'w');
  let written = 0;
  try {
    // Big writes first, then small ones for the last blocks a big one could not take.
    for (const size of [256 * 1024, 512]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) written += writeSync(descriptor, chunk);
      } catch {
        // ENOSPC at this size.
      }
    }
  } finally {
    closeSync(descriptor);
  }
  return written;
}

/** Runs the case; null when no tmpfs could be mounted here. */
export async function runDiskFull(say: (line: string) => void = () => undefined): Promise<WardFaultFigures | null> {
  const mountPoint = mkdtempSync(join(tmpdir(), 'wardwatch-diskfull-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=192m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    say(`disk full: skipped — cannot mount a tmpfs here (${mounted.stderr.trim() || 'needs root'})`);
    rmSync(mountPoint, { recursive: true, force: true });
    return null;
  }
  const dataDir = join(mountPoint, 'gateway');
  const filler = join(mountPoint, 'filler');
  try {
    return await runWardUnderFault(
      {
        name: 'disk full',
        dataDir,
        database: { kind: 'folder', path: databaseFolderIn(dataDir) },
        expectedAlarm: 'DISCLOSURE_FAILURE',
        lastsMs: 10_000,
        inflict: async () => `filled the gateway's filesystem (${Math.round(fillUp(filler) / 1048576)} MB of filler)`,
        heal: async () => rmSync(filler, { force: true }),
      },
      say,
    );
  } finally {
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
}
