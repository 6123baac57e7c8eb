import { createHash } from 'node:crypto';
import { KfError } from '@kf/client';

/** An ioredis client (`Redis` or `Cluster`): what is used of it is `call`. */
export interface IoRedisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/** A node-redis (`redis`) client: what is used of it is `sendCommand`. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * The one thing the stores need from Redis: send a command, get its reply (RESP2 shapes: string,
 * number, array, `null`). {@link toRedisCommands} makes one of an ioredis or node-redis client;
 * implement it yourself for any other client.
 */
export interface RedisCommands {
  send(args: readonly string[]): Promise<unknown>;
}

/** Any client the stores accept. */
export type KfRedisClient = IoRedisLike | NodeRedisLike | RedisCommands;

/**
 * A Redis command failed (the server is down or unreachable, or refused the command). The message
 * names the command and quotes the client's message; it never holds the command's arguments (a
 * stored token, a callback Token). `cause` is a plain `{ name, message }`, never the client's error
 * object, whose own properties may hold the arguments (ioredis keeps `command.args`).
 */
export class KfRedisError extends KfError {
  /** The Redis command, e.g. `EVALSHA`, `MGET`. */
  readonly command: string;

  constructor(command: string, cause: unknown) {
    const name = cause instanceof Error ? cause.name : typeof cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`redis ${command} failed: ${message}`, { cause: { name, message } });
    this.command = command;
  }
}

/**
 * The adapter over the client you run: ioredis (detected by `call`) or node-redis v4+ (detected
 * by `sendCommand`), or your own {@link RedisCommands}. Every failure becomes a {@link KfRedisError}.
 *
 * Tip: make an outage show up at once instead of queueing commands until the server is back
 * (ioredis `maxRetriesPerRequest: 1`, node-redis `disableOfflineQueue: true`): the consumer reports
 * the error and retries the pull with backoff on its own.
 */
export function toRedisCommands(client: KfRedisClient): RedisCommands {
  const raw = rawSender(client);
  return {
    send: async (args) => {
      try {
        return await raw(args);
      } catch (error) {
        throw new KfRedisError(args[0] ?? '?', error);
      }
    },
  };
}

function rawSender(client: KfRedisClient): (args: readonly string[]) => Promise<unknown> {
  const c = client as Partial<IoRedisLike & NodeRedisLike & RedisCommands>;
  // ioredis also has a `sendCommand`, taking its own Command objects: `call` decides first.
  if (typeof c.call === 'function') {
    const call = c.call.bind(client);
    return ([command = '', ...args]) => call(command, ...args);
  }
  if (typeof c.sendCommand === 'function') {
    const sendCommand = c.sendCommand.bind(client);
    return (args) => sendCommand([...args]);
  }
  if (typeof c.send === 'function') return c.send.bind(client);
  throw new TypeError('@kf/redis needs an ioredis client, a node-redis client, or { send(args) }');
}

/** A Lua script run by `EVALSHA`, loaded with `EVAL` when the server does not know it yet. */
export class Script {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: RedisCommands, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await redis.send(['EVALSHA', this.#sha, ...tail]);
    } catch (error) {
      // After a restart or SCRIPT FLUSH the server has forgotten it: EVAL loads it again.
      if (!(error instanceof KfRedisError) || !error.message.includes('NOSCRIPT')) throw error;
      return redis.send(['EVAL', this.#source, ...tail]);
    }
  }
}
