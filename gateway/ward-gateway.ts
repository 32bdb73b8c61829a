/**
 * A whole ward gateway from its options: the ward's beds (ward-setup.ts) on one gateway clock, the identity
 * database and full disclosure in one data-folder layout (`database/`, `disclosure/`), and the server. The
 * command line (`npm run gateway`) and the gateway a station embeds both start it here, so they cannot drift.
 */
import type { Logger } from '../common/logging/logger';
import { startGatewayServer, type GatewayServer, type GatewayTls } from './gateway-server';
import { startGatewayIdentity, type InitialUsers } from './identity/gateway-identity';
import { lockDataFolder } from './storage/data-folder-lock';
import { folderJournalIntegrity, memoryJournalIntegrity } from './alarms/journal-integrity';
import { databaseFolderIn, disclosureFolderIn } from './identity/identity-arguments';
import { DisclosureStore } from './disclosure/disclosure-store';
import { createGatewayClock } from './streaming/gateway-clock';
import type { StreamHubOptions } from './streaming/stream-hub';
import { buildWard, type WardSetup, type WardSource } from './ward-setup';
import type { SyslogTarget } from './security/syslog-forwarder';
import type { Hl7ListenOptions } from './devices/device-intake';
import type { MllpTarget } from './hl7/mllp-sender';
import { acquireWardLeadership, type WardLeadership } from './storage/ward-leadership';
import { openFanoutBus, type FanoutBus, type FanoutBusTarget } from './fanout/fanout-bus';
import { startFanoutNode, type FanoutNode } from './fanout/fanout-node';

/** How to start a ward gateway. */
export interface WardGatewayOptions {
  readonly host: string;
  /** 0 picks a free port (the embedded gateway, tests). */
  readonly port: number;
  readonly wardName: string;
  readonly ward: WardSetup;
  /** The gateway's data folder; null keeps users in memory and no full disclosure. */
  readonly dataDir: string | null;
  /**
   * A PostgreSQL server (`--database postgres://…`) instead of PGlite in the data folder; needs a data folder. The
   * ward's gateways on one database elect one leader (ward-leadership.ts): this one serves only while it leads.
   */
  readonly databaseUrl?: string | null;
  /**
   * Called when this gateway lost the leadership of its ward (after it stopped serving): the command line exits,
   * so that its supervisor starts it again as the standby.
   */
  readonly onLeadershipLost?: (reason: string) => void;
  /**
   * The bus between the ward's gateways (`--fanout redis://…`, needs `databaseUrl`): while this gateway stands by it
   * serves stations as a fan-out node of the leader (gateway/fanout/); once it leads, it publishes to the others.
   */
  readonly fanout?: FanoutBusTarget | null;
  /** Stops a standby's wait for leadership (shutdown before it ever led). */
  readonly signal?: AbortSignal;
  /** Who the ward starts with; by default the demo accounts for a simulated ward, nobody for recordings. */
  readonly initialUsers?: InitialUsers;
  readonly tls?: GatewayTls | null;
  /** The hospital's syslog collector for security events. */
  readonly syslog?: SyslogTarget | null;
  /** Listen for HL7 from devices (`--hl7-port`); none by default. */
  readonly hl7?: Hl7ListenOptions | null;
  /** The hospital's IHE ACM Alarm Manager (`--alarm-manager host:port`); none by default. */
  readonly alarmManager?: MllpTarget | null;
  /** The EMR that takes the beds' vitals as PCD-01 (`--emr host:port`); none by default. */
  readonly emr?: MllpTarget | null;
  /** Where devices' own alarms get their status back (`--device-alarm-status host:port`); none by default. */
  readonly deviceAlarmStatus?: MllpTarget | null;
  readonly timing?: StreamHubOptions;
  readonly logger: Logger;
}

/** A running ward gateway. */
export interface WardGateway {
  readonly server: GatewayServer;
  readonly bedCount: number;
  /** Stops the server, then closes the database. */
  close(): Promise<void>;
}

/** The users a ward starts with when nobody said: demo accounts only where the patients are simulated. */
export function defaultInitialUsers(source: WardSource): InitialUsers {
  return source.kind === 'sim' ? { kind: 'demo' } : { kind: 'none' };
}

/** Builds the ward and starts its gateway. @throws Error when no bed could be built or the port is taken. */
export async function startWardGateway(options: WardGatewayOptions): Promise<WardGateway> {
  const { logger, dataDir } = options;
  const databaseUrl = options.databaseUrl ?? null;
  if (databaseUrl !== null && dataDir === null)
    throw new Error('a gateway on a PostgreSQL server needs a data folder for its journal key and full disclosure');
  if (dataDir === null) logger.warn('users are kept in memory only; pass a data folder to keep them across restarts');
  // Before the database opens: a second writer on the same folder would corrupt it.
  const lock = dataDir === null ? null : lockDataFolder(dataDir, 'gateway (starting)');
  const fanoutTarget = options.fanout ?? null;
  if (fanoutTarget !== null && databaseUrl === null)
    throw new Error('--fanout needs --database: the gateways of a ward share its PostgreSQL server and its bus');
  // On a shared server, nothing is opened, streamed or written until this gateway leads the ward; with a bus, a
  // standby serves stations meanwhile as a fan-out node of the leader.
  let leadership: WardLeadership | null = null;
  let bus: FanoutBus | null = null;
  try {
    bus = fanoutTarget === null ? null : openFanoutBus(fanoutTarget, logger.child('fanout'));
    // The node starts only once this gateway finds it stands by; one that cannot start (its port taken) ends the
    // wait with its error, as a leader's failing start would.
    const standbyWait = new AbortController();
    const waitSignal =
      options.signal === undefined ? standbyWait.signal : AbortSignal.any([options.signal, standbyWait.signal]);
    let nodeFailure: unknown = null;
    let node: Promise<FanoutNode | null> = Promise.resolve(null);
    const startNode = (running: FanoutBus): void => {
      node = startFanoutNode({
        host: options.host,
        port: options.port,
        tls: options.tls ?? null,
        bus: running,
        logger: logger.child('fanout-node'),
      }).catch((error: unknown) => {
        nodeFailure = error;
        standbyWait.abort();
        return null;
      });
    };
    try {
      leadership =
        databaseUrl === null
          ? null
          : await acquireWardLeadership(databaseUrl, {
              logger: logger.child('leadership'),
              signal: waitSignal,
              ...(bus === null ? {} : { onStandby: () => startNode(bus as FanoutBus) }),
            });
    } catch (error) {
      throw nodeFailure ?? error;
    } finally {
      // Leading now (or stopping): the node's stations reconnect — to this very port, served by the leader next.
      await (await node)?.close();
    }
  } catch (error) {
    await bus?.close();
    lock?.release();
    throw error;
  }
  const identity = startGatewayIdentity(
    databaseUrl !== null
      ? { kind: 'server', url: databaseUrl }
      : dataDir === null
        ? { kind: 'memory' }
        : { kind: 'folder', path: databaseFolderIn(dataDir) },
    options.initialUsers ?? defaultInitialUsers(options.ward.source),
    logger.child('identity'),
    undefined,
    dataDir === null ? memoryJournalIntegrity() : folderJournalIntegrity(dataDir),
    leadership?.epoch,
  );
  try {
    const clock = createGatewayClock();
    const beds = await buildWard(options.ward, clock(), logger);
    const server = await startGatewayServer({
      host: options.host,
      port: options.port,
      wardName: options.wardName,
      logger,
      beds,
      clock,
      identity,
      tls: options.tls ?? null,
      syslog: options.syslog ?? null,
      hl7: options.hl7 ?? null,
      alarmManager: options.alarmManager ?? null,
      emr: options.emr ?? null,
      deviceAlarmStatus: options.deviceAlarmStatus ?? null,
      ...(options.ward.news2WindowSeconds === undefined
        ? {}
        : { news2WindowMs: options.ward.news2WindowSeconds * 1000 }),
      ...(options.timing === undefined ? {} : { timing: options.timing }),
      // Full disclosure lives beside the database; a gateway without a data folder keeps none.
      disclosure:
        dataDir === null ? null : new DisclosureStore(disclosureFolderIn(dataDir), logger.child('disclosure')),
      fanout: bus,
    });
    lock?.describe(`gateway at ${server.url}`);
    let closing: Promise<void> | null = null;
    const close = (): Promise<void> =>
      (closing ??= (async () => {
        try {
          await server.close();
          await identity.close();
        } finally {
          await bus?.close();
          await leadership?.release();
          lock?.release();
        }
      })());
    void leadership?.lost.then(async (reason) => {
      if (closing !== null) return;
      // The standby may be writing the journal already: stop serving and writing now.
      await close().catch(() => undefined);
      options.onLeadershipLost?.(reason);
    });
    return { server, bedCount: beds.length, close };
  } catch (error) {
    await identity.close();
    await bus?.close();
    await leadership?.release();
    lock?.release();
    throw error;
  }
}
