/** Counters the gateway keeps about its streams; the benchmark and tests read them, operators can too. */
export interface GatewayStats {
  ticks: number;
  samplesGenerated: number;
  framesEncoded: number;
  batchesSent: number;
  /** Waveform batches not sent because the client's connection was still busy (volatile drop). */
  batchesDropped: number;
  bytesSent: number;
  numericsMessages: number;
  /** Bed ids asked for in subscriptions that the ward does not have. */
  unknownBedRequests: number;
  /** Requests (subscribe, set-scenario) that did not match their schema. */
  invalidRequests: number;
}

/** All counters at zero. */
export function emptyGatewayStats(): GatewayStats {
  return {
    ticks: 0,
    samplesGenerated: 0,
    framesEncoded: 0,
    batchesSent: 0,
    batchesDropped: 0,
    bytesSent: 0,
    numericsMessages: 0,
    unknownBedRequests: 0,
    invalidRequests: 0,
  };
}
