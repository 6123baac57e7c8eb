import type { CallbackXmlInput } from '@kf/crypto';
import type {
  KfMockAppCallbackDelivery,
  KfMockAuthChangeNotification,
  KfMockCallbackAttempt,
  KfMockCallbackConfig,
  KfMockCallbackListener,
  KfMockCallbackNotification,
  KfMockCallbacks,
} from '../../callbacks.js';
import type { Random } from '../random.js';
import { createRandom } from '../random.js';
import type { World, WorldEvents } from '../world.js';
import type { ActiveConfig } from './config.js';
import { activate, messageOf, withQuery } from './config.js';
import type { Fetcher } from './http.js';
import { timedRequest } from './http.js';
import { verifyCallbackUrl } from './verify.js';

/** Options of {@link createCallbacks}. */
export interface CallbacksOptions {
  readonly config?: KfMockCallbackConfig;
  readonly onCallback?: KfMockCallbackListener;
  readonly fetch: Fetcher;
}

/** The callbacks API plus what `reset()` needs. */
export interface CallbacksControl extends KfMockCallbacks {
  /** Forgets the delivery records and re-seeds the random source; the configuration stays. */
  reset(): void;
}

interface DeliveryRecord {
  id: number;
  via: 'http' | 'function';
  notification: KfMockCallbackNotification;
  url?: string;
  outcome: 'pending' | 'delivered' | 'failed';
  attempts: KfMockCallbackAttempt[];
}

type AppDeliveryRecord = {
  -readonly [K in keyof KfMockAppCallbackDelivery]: K extends 'attempts'
    ? KfMockCallbackAttempt[]
    : KfMockAppCallbackDelivery[K];
};

/**
 * Attaches callback delivery to the world: each `kf_msg_or_event` the world announces is given to
 * the listeners and, when configured, encrypted and POSTed with retries, in the background.
 */
export function createCallbacks(world: World, options: CallbacksOptions): CallbacksControl {
  // A generator of its own, so that configuring callbacks does not shift the world's ids.
  const seed = `${String(world.options.seed)}:callbacks`;
  let random: Random = createRandom(seed);
  let active: ActiveConfig | undefined;
  let records: DeliveryRecord[] = [];
  let appRecords: AppDeliveryRecord[] = [];
  // Each third-party app's checked configuration, made again when the app's configuration changes.
  const appConfigs = new WeakMap<KfMockCallbackConfig, ActiveConfig>();
  const listeners = new Set<KfMockCallbackListener>();
  const pending = new Set<Promise<void>>();
  if (options.onCallback !== undefined) listeners.add(options.onCallback);

  const track = (work: Promise<void>): void => {
    const done = work.finally(() => pending.delete(done));
    pending.add(done);
  };
  const record = (entry: Omit<DeliveryRecord, 'id' | 'outcome' | 'attempts'>): DeliveryRecord => {
    const created: DeliveryRecord = { ...entry, id: records.length + 1, outcome: 'pending', attempts: [] };
    records.push(created);
    return created;
  };

  const callListener = async (
    entry: DeliveryRecord,
    listener: KfMockCallbackListener,
    notification: KfMockCallbackNotification,
  ): Promise<void> => {
    // A microtask later: the API call that produced the message answers first.
    await Promise.resolve();
    try {
      await listener(notification);
      entry.attempts.push({ status: null });
      entry.outcome = 'delivered';
    } catch (error) {
      entry.attempts.push({ status: null, error: messageOf(error) });
      entry.outcome = 'failed';
    }
  };

  const post = async (
    entry: Pick<DeliveryRecord, 'attempts' | 'outcome'>,
    config: ActiveConfig,
    url: string,
    body: string,
  ) => {
    for (let attempt = 0; attempt <= config.retries; attempt++) {
      if (attempt > 0 && config.retryDelayMs > 0) await world.options.sleep(config.retryDelayMs);
      else await Promise.resolve();
      const init = { method: 'POST', headers: { 'content-type': 'text/xml' }, body };
      const answer = await timedRequest(options.fetch, url, init, config.timeoutMs);
      const error = answer.error ?? (answer.status === 200 ? undefined : `HTTP ${answer.status}`);
      entry.attempts.push({ status: answer.status, ...(error === undefined ? {} : { error }) });
      if (error === undefined) {
        entry.outcome = 'delivered';
        return;
      }
    }
    entry.outcome = 'failed';
  };

  // Encrypted in event order (callbacks on one promise run in the order they were added), so the
  // seeded random source gives reproducible bodies. Never fails the API call that produced the
  // callback: the record says what went wrong.
  const encryptAndPost = (
    entry: Pick<DeliveryRecord, 'attempts' | 'outcome' | 'url'>,
    config: ActiveConfig,
    fields: CallbackXmlInput,
  ): void => {
    const sending = config.crypto.then(async ({ crypto, buildCallbackXml }) => {
      const { body, query } = crypto.encryptCallback(buildCallbackXml(fields));
      entry.url = withQuery(config.url, { ...query });
      await post(entry, config, entry.url, body);
    });
    track(
      sending.catch((error: unknown) => {
        entry.attempts.push({ status: null, error: messageOf(error) });
        entry.outcome = 'failed';
      }),
    );
  };

  const dispatch = (event: WorldEvents['kf_msg_or_event']): void => {
    const notification: KfMockCallbackNotification = {
      ToUserName: world.options.corpId,
      CreateTime: event.createTime,
      MsgType: 'event',
      Event: 'kf_msg_or_event',
      Token: event.token,
      OpenKfId: event.open_kfid,
    };
    for (const listener of listeners) {
      track(callListener(record({ via: 'function', notification }), listener, notification));
    }
    if (active === undefined) return;
    const config = active;
    const entry = record({ via: 'http', notification, url: config.url });
    encryptAndPost(entry, config, {
      ToUserName: notification.ToUserName,
      CreateTime: notification.CreateTime,
      MsgType: notification.MsgType,
      Event: notification.Event,
      Token: notification.Token,
      OpenKfId: notification.OpenKfId,
    });
  };

  // kf_account_auth_change goes to the third-party app's own URL, encrypted with its own keys
  // (ReceiveId and ToUserName: the corp id, as for the corp's callbacks), through the same POST and
  // retries as kf_msg_or_event.
  const dispatchAuthChange = (event: WorldEvents['kf_account_auth_change']): void => {
    const callback = world.state.apps.get(event.app)?.callback;
    if (callback === undefined) return;
    let config = appConfigs.get(callback);
    if (config === undefined) {
      config = activate(world, callback, () => random);
      appConfigs.set(callback, config);
    }
    const active = config;
    const notification: KfMockAuthChangeNotification = {
      ToUserName: world.options.corpId,
      FromUserName: 'sys',
      CreateTime: event.createTime,
      MsgType: 'event',
      Event: 'kf_account_auth_change',
      AuthAddOpenKfId: [...event.added],
      AuthDelOpenKfId: [...event.removed],
    };
    const entry: AppDeliveryRecord = {
      id: appRecords.length + 1,
      app: event.app,
      notification,
      url: active.url,
      outcome: 'pending',
      attempts: [],
    };
    appRecords.push(entry);
    encryptAndPost(entry, active, {
      ToUserName: notification.ToUserName,
      FromUserName: 'sys',
      CreateTime: notification.CreateTime,
      MsgType: notification.MsgType,
      Event: notification.Event,
      AuthAddOpenKfId: notification.AuthAddOpenKfId,
      AuthDelOpenKfId: notification.AuthDelOpenKfId,
    });
  };

  world.events.on('kf_msg_or_event', dispatch);
  world.events.on('kf_account_auth_change', dispatchAuthChange);

  if (options.config !== undefined) active = activate(world, options.config, () => random);

  return {
    configure(config) {
      active = config === null ? undefined : activate(world, config, () => random);
    },
    config: () => (active === undefined ? undefined : { ...active.config }),
    onCallback(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    verifyUrl: () => verifyCallbackUrl(active, random, options.fetch),
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    deliveries: () =>
      records.map((entry) => ({
        ...entry,
        notification: { ...entry.notification },
        attempts: entry.attempts.map((attempt) => ({ ...attempt })),
      })),
    appDeliveries: () =>
      appRecords.map((entry) => ({
        ...entry,
        notification: {
          ...entry.notification,
          AuthAddOpenKfId: [...entry.notification.AuthAddOpenKfId],
          AuthDelOpenKfId: [...entry.notification.AuthDelOpenKfId],
        },
        attempts: entry.attempts.map((attempt) => ({ ...attempt })),
      })),
    reset() {
      records = [];
      appRecords = [];
      random = createRandom(seed);
    },
  };
}
