/**
 * One replica of the chaos test's bot, run as its own process (bundled by the test): a KfClient and a
 * KfConsumer on @kf/redis, notified over IPC, answering every customer text with send_msg under a
 * msgid derived from the received one. The test kills it with SIGKILL at any moment.
 */
import { createHash } from 'node:crypto';
import { KfApiError, KfClient, KfConsumer, KfSendOutcomeUnknownError } from '@kf/client';
import { RedisTokenStore, redisStores, toRedisCommands } from '../index.js';

interface WorkerConfig {
  readonly url: string;
  readonly corpId: string;
  readonly secret: string;
  readonly redisUrl: string;
  readonly client: 'ioredis' | 'redis';
  readonly prefix: string;
  readonly accounts: readonly string[];
  readonly leaseTtl: number;
  readonly pollInterval: number;
  readonly duplicateErrcode: number;
}

const config = JSON.parse(process.env.KF_CHAOS_WORKER ?? '{}') as WorkerConfig;

/** Loads only the client this run tests: a restart should cost as little as a real one. */
async function connect() {
  if (config.client === 'ioredis') {
    const { Redis } = await import('ioredis');
    return new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  }
  const { createClient } = await import('redis');
  const client = createClient({ url: config.redisUrl, disableOfflineQueue: true });
  await client.connect();
  return client;
}

/** The reply's msgid: the same for every replica that answers the same message. */
const replyMsgid = (msgid: string) => createHash('sha256').update(msgid).digest('hex').slice(0, 32);

const redis = await connect();
const commands = toRedisCommands(redis);
const kf = new KfClient({
  corpId: config.corpId,
  secret: config.secret,
  baseURL: config.url,
  tokenStore: new RedisTokenStore(redis, { prefix: config.prefix }),
});
const stores = redisStores(redis, {
  corpId: config.corpId,
  prefix: config.prefix,
  leaseTtl: config.leaseTtl,
});
const fenced = stores.cursorStore;
// Every cursor write that went through, logged for the test to check that none moved backwards.
const cursorStore = {
  get: (open_kfid: string) => fenced.get(open_kfid),
  set: (open_kfid: string, cursor: string) => fenced.set(open_kfid, cursor),
  setFenced: async (open_kfid: string, cursor: string, fence: number) => {
    const done = await fenced.setFenced(open_kfid, cursor, fence);
    if (done) await commands.send(['RPUSH', `${config.prefix}:cursor-log:${open_kfid}`, cursor]);
    return done;
  },
};

const debug = process.env.KF_CHAOS_DEBUG === '1';
const source = {
  syncMsg: async (request: Parameters<KfClient['syncMsg']>[0]) => {
    if (debug) process.stderr.write(`${process.pid} sync_msg ${request.open_kfid} start\n`);
    const page = await kf.syncMsg(request);
    if (debug) process.stderr.write(`${process.pid} sync_msg ${request.open_kfid} ${page.msg_list.length}\n`);
    return page;
  },
};
const consumer = new KfConsumer(source, {
  ...stores,
  cursorStore,
  accounts: config.accounts,
  pollInterval: config.pollInterval,
  retryDelay: 50,
  // A page's cursor is saved once all its messages are handled. With a worker killed every few
  // hundred ms, a page of 1,000 is rarely finished: the cursor stays behind and every new holder
  // reads a longer page again (the handled ones are skipped, one MGET). Small pages let it move.
  limit: Number(process.env.KF_CHAOS_LIMIT ?? 20),
  ...(process.env.KF_CHAOS_DEBUG === '1'
    ? {
        logLevel: 'debug' as const,
        logger: {
          debug: (m: string) => process.stderr.write(`${process.pid} debug ${m}\n`),
          info: (m: string) => process.stderr.write(`${process.pid} info ${m}\n`),
          warn: (m: string) => process.stderr.write(`${process.pid} warn ${m}\n`),
          error: (m: string) => process.stderr.write(`${process.pid} error ${m}\n`),
        },
      }
    : {}),
  maxRetryDelay: 400,
  redeliveryDelay: 20,
  maxAttempts: 10,
  onError: (error) => {
    // The consumer retries on its own; with KF_CHAOS_VERBOSE=1 the test shows this stream.
    process.stderr.write(`worker ${process.pid}: ${error.name}: ${error.message}\n`);
  },
  handler: async (msg, { open_kfid }) => {
    if (msg.origin !== 3 || msg.msgtype !== 'text' || typeof msg.msgid !== 'string') return;
    try {
      await kf.sendMsg({
        touser: String(msg.external_userid),
        open_kfid,
        msgid: replyMsgid(msg.msgid),
        msgtype: 'text',
        text: { content: `re: ${msg.text.content}` },
      });
    } catch (error) {
      // A replica that died after sending and before marking the message handled: already answered.
      if (error instanceof KfApiError && error.errcode === config.duplicateErrcode) return;
      if (error instanceof KfSendOutcomeUnknownError) return;
      throw error;
    }
  },
});

process.on('message', (message: { open_kfid: string; token: string }) => {
  consumer.notify(message.open_kfid, message.token);
});
// Ready once warmed up, as a readiness probe would say: the token is in hand (from Redis, or from
// the one gettoken of the replicas starting together).
await kf.getAccessToken();
consumer.start();
if (debug) process.stderr.write(`${process.pid} ready\n`);
process.send?.({ ready: true });
