/**
 * `npm run users -- --data-dir <folder> [--database postgres://user@host/db] <command>`: hospital IT's command for the gateway's users.
 *
 *   list                                        every user, role and whether disabled (never a password)
 *   add <username> --role <role> --name "Name"  a new user; password from standard input or a prompt
 *   disable <username> | enable <username>      a disabled user cannot sign in; their history stays
 *   reset-password <username>                   a new password, from standard input or a prompt
 *
 * Passwords are never accepted as arguments (they would land in shell history and process lists). The embedded
 * database has one writer at a time: beside a running gateway the command refuses, naming it (data-folder-lock.ts);
 * a live gateway's users are managed through its admin API instead.
 */
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../../common/identity/roles';
import { createConsoleLogger, describeError } from '../../common/logging/logger';
import { UserStore, UserStoreError } from '../identity/user-store';
import { openGatewayDatabase } from '../storage/gateway-database';
import { lockForCommand } from '../storage/data-folder-lock';
import { commandDatabaseIn } from '../identity/identity-arguments';
import { readSecret } from './read-secret';

const USAGE =
  'usage: npm run users -- --data-dir <folder> [--database postgres://user@host/db] list | add <username> --role <nurse|physician|admin> --name "Full Name" | disable <username> | enable <username> | reset-password <username>';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      database: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command, username] = positionals;
  const folder = values['data-dir'];
  if (folder === undefined || command === undefined) {
    console.error(USAGE);
    return 2;
  }
  const { location, exclusive } = commandDatabaseIn(folder, values);
  const lock = exclusive ? lockForCommand(folder, 'users command') : { release: () => undefined };
  if (lock === null) return 1;
  const database = await openGatewayDatabase(location, createConsoleLogger('users', 'warn'));

  const users = new UserStore(database);
  try {
    switch (command) {
      case 'list':
        for (const user of await users.list())
          console.log(
            `${user.username.padEnd(24)} ${user.role.padEnd(10)} ${user.disabled ? 'disabled' : 'active  '} ${user.displayName}`,
          );
        return 0;
      case 'add': {
        if (username === undefined || !isRole(values.role) || values.name === undefined) {
          console.error(`add needs a username, --role (${ROLES.join(', ')}) and --name`);
          return 2;
        }
        const user = await users.add({
          username,
          role: values.role,
          displayName: values.name,
          password: await readSecret(`Password for ${username}: `),
        });
        console.log(`added ${user.username} (${user.role})`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        if (username === undefined) break;
        const user = await users.setDisabled(username, command === 'disable');
        console.log(`${user.username} is ${user.disabled ? 'disabled' : 'enabled'}`);
        return 0;
      }
      case 'reset-password': {
        if (username === undefined) break;
        await users.resetPassword(username, await readSecret(`New password for ${username}: `));
        console.log(`password of ${username} changed`);
        return 0;
      }
    }
    console.error(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof UserStoreError) {
      console.error(`refused: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
    lock.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`users: ${describeError(error)}`);
    process.exit(1);
  },
);
