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
  /** Requests that did not match their schema or came without a reply callback. */
  invalidRequests: number;
  /** Answers the gateway's own reply schemas rejected (refused instead of sent: a gateway bug). */
  invalidReplies: number;
  /** Connections refused for a missing, expired or invalid token. */
  refusedHandshakes: number;
  /** Requests refused because the principal may not make them. */
  forbiddenRequests: number;
  /** Clients dropped because their token expired and was not renewed. */
  expiredDisconnects: number;
  /** Calls from a fan-out node that broke the bus protocol (gateway/fanout/), refused. */
  fanoutCallsRefused: number;
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
    invalidReplies: 0,
    refusedHandshakes: 0,
    forbiddenRequests: 0,
    expiredDisconnects: 0,
    fanoutCallsRefused: 0,
  };
}
