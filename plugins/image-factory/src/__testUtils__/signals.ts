import { JsonObject } from '@backstage/types';
import { SignalApi } from '@backstage/plugin-signals-react';

/**
 * The app's signals client as a page sees it, for component tests: `send`
 * delivers a message to whoever subscribed to its channel, as the signals
 * backend's push would.
 */
export function localSignals(): SignalApi & {
  send(channel: string, message: JsonObject): void;
} {
  const subscribers = new Map<string, Set<(message: JsonObject) => void>>();
  return {
    subscribe<TMessage extends JsonObject>(
      channel: string,
      onMessage: (message: TMessage) => void,
    ) {
      const listener = onMessage as (message: JsonObject) => void;
      const listeners = subscribers.get(channel) ?? new Set();
      listeners.add(listener);
      subscribers.set(channel, listeners);
      return { unsubscribe: () => listeners.delete(listener) };
    },
    send(channel, message) {
      subscribers.get(channel)?.forEach(listener => listener(message));
    },
  };
}
