/**
 * `--database`: a PostgreSQL URL that names a server and a database and holds no password (a command line is
 * readable by every user of the machine), and only with a data folder (the journal key lives there).
 */
import { describe, expect, it } from 'vitest';
import { commandDatabaseIn, databaseUrlFrom } from '../../../../gateway/identity/identity-arguments';
import { checkServerUrl, describeServerLocation } from '../../../../gateway/storage/postgres-database';

describe('--database', () => {
  it('takes a server URL without a password, with TLS options', () => {
    const url = 'postgres://wardwatch@db.ward4b.example:5432/wardwatch?sslmode=verify-full&sslrootcert=/etc/ca.pem';
    expect(databaseUrlFrom({ database: url, 'data-dir': '/var/lib/wardwatch' })).toBe(url);
    expect(describeServerLocation(url)).toBe('wardwatch@db.ward4b.example:5432/wardwatch');
    expect(databaseUrlFrom({ 'data-dir': '/var/lib/wardwatch' })).toBeNull();
  });

  it.each([
    ['postgres://wardwatch:s3cret@db/wardwatch', /holds a password.*PGPASSWORD or ~\/\.pgpass/],
    ['mysql://wardwatch@db/wardwatch', /mysql: is not postgres:\/\//],
    ['postgres://wardwatch@db', /names no database/],
    ['postgres://wardwatch@db/', /names no database/],
    ['not a url', /not a URL/],
  ])('refuses %s, saying why', (url, reason) => {
    expect(() => checkServerUrl(url)).toThrow(reason);
    expect(() => databaseUrlFrom({ database: url, 'data-dir': '/d' })).toThrow(reason);
  });

  it('never echoes the password it refuses', () => {
    expect.assertions(1);
    try {
      checkServerUrl('postgres://u:hunter2@db/w');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('needs a data folder beside it', () => {
    expect(() => databaseUrlFrom({ database: 'postgres://u@db/w' })).toThrow(/needs --data-dir/);
  });

  it('lets a command share the server with a running gateway, but locks an embedded database folder', () => {
    expect(commandDatabaseIn('/d', { database: 'postgres://u@db/w' })).toEqual({
      location: { kind: 'server', url: 'postgres://u@db/w' },
      exclusive: false,
    });
    expect(commandDatabaseIn('/d', {})).toEqual({
      location: { kind: 'folder', path: '/d/database' },
      exclusive: true,
    });
  });
});
