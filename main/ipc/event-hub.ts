/**
 * Station events on their way to the UI. Producers publish typed payloads; each transport (ipcMain windows,
 * browser-host sockets) subscribes once and forwards every event on its channel.
 */
import { EVENT_CHANNELS, type EventChannel, type EventName } from '../../common/ipc/channels';
import type { EventPayload } from '../../common/ipc/contract';
import { createListenerSet } from '../../common/events/listener-set';

/** What a transport receives: the wire channel and the payload. */
export type EventForwarder = (channel: EventChannel, payload: unknown) => void;

/** Publishes station events to every transport. */
export interface EventHub {
  publish<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(forwarder: EventForwarder): () => void;
}

/** Creates an empty hub. */
export function createEventHub(): EventHub {
  const forwarders = createListenerSet<{ channel: EventChannel; payload: unknown }>();
  return {
    publish: (event, payload) => forwarders.emit({ channel: EVENT_CHANNELS[event], payload }),
    subscribe: (forward) => forwarders.add(({ channel, payload }) => forward(channel, payload)),
  };
}
