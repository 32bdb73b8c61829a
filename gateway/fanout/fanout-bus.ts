/**
 * The bus between a ward's gateway nodes (`--fanout redis://host:6379`): socket.io's Redis adapter in its sharded
 * form (Redis ≥ 7 `SPUBLISH`, binary as MessagePack), chosen over the PostgreSQL adapter in decision 0026. The
 * leader's broadcasts (alarms, census, settings) reach the stations of every node through it, and the leader's
 * encoded ticks, its answers to token checks and passed-on requests travel on it (fanout-protocol.ts).
 *
 * The URL carries no password — the command line is readable by every user of the machine — it comes from
 * WARDWATCH_FANOUT_PASSWORD. The bus holds nothing a restart must keep: Redis runs without persistence.
 */
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { describeError, type Logger } from '../../common/logging/logger';

/** Where the bus is, and the secret it takes (from the environment, never the URL). */
export interface FanoutBusTarget {
  readonly url: string;
  readonly password: string | null;
  /** PEM of the certificate authority to trust for a rediss:// bus (the hospital's own CA). */
  readonly ca?: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The environment variable that holds the bus's password. */
export const FANOUT_PASSWORD_VARIABLE = 'WARDWATCH_FANOUT_PASSWORD';

/**
 * Checks `--fanout`. @throws Error saying what is wrong: not redis:// or rediss://, a password in it, no server.
 */
export function checkFanoutUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('--fanout: not a URL (expected redis://host:6379)');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new Error(`--fanout: ${parsed.protocol} is not redis:// or rediss:// (expected redis://host:6379)`);
  if (parsed.password !== '')
    throw new Error(
      `--fanout: the URL holds a password, which every user of this machine could read on the command line; give it in ${FANOUT_PASSWORD_VARIABLE} instead`,
    );
  if (parsed.hostname === '') throw new Error('--fanout: the URL names no server');
  // The bus carries sign-in calls (passwords) and every patient's stream: across machines, only over TLS.
  if (parsed.protocol === 'redis:' && !LOOPBACK.has(parsed.hostname))
    throw new Error(
      `--fanout: redis:// to ${parsed.hostname} would carry passwords and patients' data unencrypted; use rediss:// (Redis with TLS), or redis:// to this computer only`,
    );
  return parsed;
}

/** The bus target from `--fanout` and the environment; null without `--fanout`. */
export function fanoutTargetFrom(
  url: string | undefined,
  env: NodeJS.ProcessEnv,
  ca: string | null = null,
): FanoutBusTarget | null {
  if (url === undefined) return null;
  checkFanoutUrl(url);
  const password = env[FANOUT_PASSWORD_VARIABLE];
  return { url, password: password === undefined || password === '' ? null : password, ca };
}

/** One server's connection to the bus: its adapter and the two Redis connections behind it. */
export interface FanoutLink {
  /** The adapter to install on the socket.io server (`io.adapter(link.adapter)`). */
  readonly adapter: ReturnType<typeof createShardedAdapter>;
  /** Whether both connections are up now. */
  ready(): boolean;
  close(): Promise<void>;
}

/** A reachable bus. */
export interface FanoutBus {
  /**
   * Connections of one socket.io server's own. Never shared between two servers: the adapter of a server that
   * closes unsubscribes its channels, which are the next server's channels too.
   */
  link(): FanoutLink;
  close(): Promise<void>;
}

/**
 * Opens the bus. Nothing here waits for Redis: each server's connections are made in the background and retried
 * while the bus is down (each kind of failure logged once), so that a gateway whose bus is gone still leads its
 * ward — its own stations never depend on the bus — and a fan-out node without it hands its stations over.
 */
export function openFanoutBus(target: FanoutBusTarget, logger: Logger): FanoutBus {
  let reported: string | null = null;
  const client = () => {
    const created = createClient({
      url: target.url,
      ...(target.password === null ? {} : { password: target.password }),
      // A bus that is gone is retried every second at most: stations on the other node fall back meanwhile.
      socket: {
        reconnectStrategy: (retries: number) => Math.min(1000, 100 * 2 ** retries),
        connectTimeout: 3000,
        ...(target.ca === null || target.ca === undefined ? {} : { tls: true as const, ca: target.ca }),
      },
    });
    created.on('error', (error: unknown) => {
      // node-redis reports every failed reconnection; the log says it once per kind of failure.
      const reason = describeError(error);
      if (reason === reported) return;
      reported = reason;
      logger.error('the fan-out bus is unreachable', { bus: new URL(target.url).host, reason });
    });
    created.on('ready', () => {
      if (reported !== null) logger.info('the fan-out bus is back', { bus: new URL(target.url).host });
      reported = null;
    });
    // The adapter drops the promises of its (un)subscriptions; one that fails — the bus down when a link closes —
    // would be an unhandled rejection, which ends a Node process. Each is caught and logged here instead.
    for (const name of ['sSubscribe', 'sUnsubscribe'] as const) {
      const original = created[name].bind(created) as (...args: unknown[]) => Promise<unknown>;
      (created as unknown as Record<string, unknown>)[name] = (...args: unknown[]): Promise<unknown> => {
        const pending = original(...args);
        pending.catch((error: unknown) =>
          logger.warn('a fan-out bus subscription did not complete', { reason: describeError(error) }),
        );
        return pending;
      };
    }
    // Commands wait in the client's queue until it is connected; a first connection that fails is retried.
    created.connect().catch(() => undefined);
    return created;
  };
  const open = new Set<FanoutLink>();
  return {
    link() {
      const publisher = client();
      const subscriber = client();
      const sharded = createShardedAdapter(publisher, subscriber);
      // While the bus is down, what would be published is dropped, not queued: the client's offline queue would
      // otherwise hold every tick (megabytes a second at a hospital ward) for as long as Redis is gone, and deliver
      // stale ticks and alarm states when it is back. Nothing is lost by it: a node without the leader's ticks has
      // handed its stations over, and the leader's own stations never depended on the bus.
      // A function, not an arrow: socket.io calls the adapter with `new`.
      const adapter = function shardedAdapterDroppingWhileDown(namespace: Parameters<typeof sharded>[0]) {
        const created = sharded(namespace) as unknown as {
          doPublish(message: unknown): Promise<string>;
          doPublishResponse(requester: string, response: unknown): Promise<void>;
        };
        const publish = created.doPublish.bind(created);
        const respond = created.doPublishResponse.bind(created);
        created.doPublish = (message) => (publisher.isReady ? publish(message) : Promise.resolve(''));
        created.doPublishResponse = (requester, response) =>
          publisher.isReady ? respond(requester, response) : Promise.resolve();
        return created;
      } as unknown as typeof sharded;
      const link: FanoutLink = {
        adapter,
        ready: () => publisher.isReady && subscriber.isReady,
        async close() {
          open.delete(link);
          // A connected client quits after its queued commands; one still retrying is dropped with them.
          await Promise.allSettled(
            [publisher, subscriber].map((client) => (client.isReady ? client.quit() : client.disconnect())),
          );
        },
      };
      open.add(link);
      return link;
    },
    async close() {
      await Promise.allSettled([...open].map((link) => link.close()));
    },
  };
}
