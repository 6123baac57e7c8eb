/**
 * A minimal typed event emitter. The world announces what the platform would push to the app
 * (`kf_msg_or_event` notifications); callback delivery attaches here without the world knowing it.
 */
export interface Emitter<Events extends Record<string, unknown>> {
  /** Registers `listener`; returns a function that removes it. */
  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void;
  /** Calls every listener of `type`, in registration order. */
  emit<K extends keyof Events>(type: K, payload: Events[K]): void;
}

/** Creates an emitter with no listeners. */
export function createEmitter<Events extends Record<string, unknown>>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(type, listener) {
      let set = listeners.get(type);
      if (set === undefined) {
        set = new Set();
        listeners.set(type, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(type, payload) {
      for (const listener of listeners.get(type) ?? []) (listener as (p: typeof payload) => void)(payload);
    },
  };
}
