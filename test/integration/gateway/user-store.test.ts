/**
 * Users in the embedded PostgreSQL (PGlite) and in a real PostgreSQL server: add, refuse duplicates and weak passwords, sign-in checks that
 * reveal nothing about which usernames exist, disable, reset; the schema migrates once and survives a reopen.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../gateway/identity/password-hash';
import { UserStore, UserStoreError } from '../../../gateway/identity/user-store';
import { openGatewayDatabase, type Database } from '../../../gateway/storage/gateway-database';
import { MIGRATIONS } from '../../../gateway/storage/migrations';
import { createRecordingLogger } from '../../support/recording-logger';
import { BACKENDS, freshDatabase } from '../../support/test-databases';

describe('password hashes', () => {
  it('verify the right password only, and are salted', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$999999999$8$1$AA$AA')).toBe(false);
  });
});

describe.each(BACKENDS)('user store on %s', (backend) => {
  let database: Database;
  let users: UserStore;

  beforeAll(async () => {
    database = await openGatewayDatabase(await freshDatabase(backend), createRecordingLogger());
    users = new UserStore(database);
  }, 60_000);

  afterAll(async () => {
    await database.close();
  });

  it('adds users and lists them without any password material', async () => {
    const added = await users.add({
      username: 'a.nurse',
      displayName: 'Ana Nurse',
      role: 'nurse',
      password: 'night shift on 4B',
    });
    expect(added).toEqual({
      id: expect.any(Number),
      username: 'a.nurse',
      displayName: 'Ana Nurse',
      role: 'nurse',
      disabled: false,
    });
    const listed = await users.list();
    expect(listed.map((user) => user.username)).toContain('a.nurse');
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|night shift/);
  });

  it.each([
    [{ username: 'a.nurse', displayName: 'Again', role: 'nurse', password: 'another long one' }, 'USERNAME_TAKEN'],
    [{ username: 'B.Doc', displayName: 'Bad', role: 'physician', password: 'long enough pass' }, 'INVALID_USER'],
    [{ username: 'c.doc', displayName: '   ', role: 'physician', password: 'long enough pass' }, 'INVALID_USER'],
    [{ username: 'd.doc', displayName: 'Short', role: 'physician', password: 'short' }, 'WEAK_PASSWORD'],
  ] as const)('refuses %j with %s', async (user, code) => {
    await expect(users.add(user)).rejects.toMatchObject({ code });
    await expect(users.add(user)).rejects.toBeInstanceOf(UserStoreError);
  });

  it('signs in the right credentials and nothing else, disabled accounts included', async () => {
    await users.add({ username: 'p.doc', displayName: 'Pat Doc', role: 'physician', password: 'rounds at eight am' });
    expect(await users.verify('p.doc', 'rounds at eight am')).toMatchObject({ username: 'p.doc', role: 'physician' });
    expect(await users.verify('p.doc', 'rounds at nine am')).toBeNull();
    expect(await users.verify('nobody', 'rounds at eight am')).toBeNull();
    await users.setDisabled('p.doc', true);
    expect(await users.verify('p.doc', 'rounds at eight am')).toBeNull();
    await users.setDisabled('p.doc', false);
    await users.resetPassword('p.doc', 'a brand new passphrase');
    expect(await users.verify('p.doc', 'rounds at eight am')).toBeNull();
    expect(await users.verify('p.doc', 'a brand new passphrase')).toMatchObject({ username: 'p.doc' });
    await expect(users.resetPassword('nobody', 'a brand new passphrase')).rejects.toMatchObject({
      code: 'UNKNOWN_USER',
    });
    await expect(users.setDisabled('nobody', true)).rejects.toMatchObject({ code: 'UNKNOWN_USER' });
  });

  it('keeps users across a reopen, migrating once', async () => {
    const location =
      backend === 'pglite'
        ? { kind: 'folder' as const, path: join(mkdtempSync(join(tmpdir(), 'wardwatch-db-')), 'gateway') }
        : await freshDatabase(backend);
    const logger = createRecordingLogger();
    const first = await openGatewayDatabase(location, logger);
    await new UserStore(first).add({
      username: 'it.admin',
      displayName: 'IT Admin',
      role: 'admin',
      password: 'lock down all stations',
    });
    await first.close();
    const second = await openGatewayDatabase(location, logger);
    expect(await new UserStore(second).verify('it.admin', 'lock down all stations')).toMatchObject({ role: 'admin' });
    await second.close();
    // Each migration ran on the first open only.
    expect(logger.lines.filter((line) => line.message === 'database migrated')).toHaveLength(MIGRATIONS.length);
  });
});
