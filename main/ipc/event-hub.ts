/**
 * Station events on their way to the UI. Producers publish typed payloads; each transport (ipcMain windows,
 * browser-host sockets) subscribes once and forwards every event on its channel.
 */
import { EVENT_CHANNELS, type EventChannel, type EventName } from '../../common/ipc/channels';
import type { EventPayload } from '../../common/ipc/contract';

/** What a transport receives: the wire channel and the payload. */
export type EventForwarder = (channel: EventChannel, payload: unknown) => void;

/** Publishes station events to every transport. */
export interface EventHub {
  publish<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(forwarder: EventForwarder): () => void;
}

/** Creates an empty hub. */
export function createEventHub(): EventHub {
  const forwarders = new Set<EventForwarder>();
  return {
    publish(event, payload) {
      const channel = EVENT_CHANNELS[event];
      for (const forward of forwarders) forward(channel, payload);
    },
    subscribe(forwarder) {
      forwarders.add(forwarder);
      return () => forwarders.delete(forwarder);
    },
  };
}
