/**
 * A gateway of simulated beds on its own identity database (in memory, or a folder to restart on), as the
 * integration tests of the gateway's features start it.
 */
import { startGatewayIdentity, type GatewayIdentity } from '../../gateway/identity/gateway-identity';
import { startGatewayServer, type GatewayServer, type GatewayServerOptions } from '../../gateway/gateway-server';
import type { DatabaseLocation } from '../../gateway/storage/gateway-database';
import { createGatewayClock } from '../../gateway/streaming/gateway-clock';
import { buildWard, DEFAULT_WARD_SETUP } from '../../gateway/ward-setup';
import { createRecordingLogger } from './recording-logger';

/** A started gateway and its identity (close both). */
export interface SimulatedGateway {
  readonly gateway: GatewayServer;
  readonly identity: GatewayIdentity;
}

/** Starts `beds` simulated beds (demo users) on 127.0.0.1, once its database is open. */
export async function startSimulatedGateway(
  options: { beds?: number; location?: DatabaseLocation } & Partial<Omit<GatewayServerOptions, 'beds'>> = {},
): Promise<SimulatedGateway> {
  const { beds = 2, location = { kind: 'memory' }, ...server } = options;
  const logger = createRecordingLogger();
  const identity = startGatewayIdentity(location, { kind: 'demo' }, logger);
  const clock = createGatewayClock();
  const gateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    logger,
    beds: await buildWard({ ...DEFAULT_WARD_SETUP, beds }, clock(), logger),
    clock,
    identity,
    ...server,
  });
  await identity.stores;
  return { gateway, identity };
}
