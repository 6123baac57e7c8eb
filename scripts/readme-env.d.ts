// The reader's own code, which README blocks may use without importing it: a logger, a Redis
// client, a web framework, the `kf` client they created in the quick start. Nothing here is exported by a kf
// package: every kf export a block uses is imported in the block (or in the block it continues).

/** Your client, created as in the @kf/client quick start (the blocks that create one shadow this). */
declare const kf: import('@kf/client').KfClient;

/** Any structured logger (console, pino…). */
declare const logger: {
  debug(message: string, details?: unknown): void;
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
};
declare function pino(): typeof logger;

/** A Redis client in the shape of ioredis. */
declare const redis: {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ...options: (string | number)[]): Promise<string | null>;
  del(key: string): Promise<number>;
  exists(key: string): Promise<number>;
};

/** The `Response` of a `fetch` to the API (the @kf/types README parses one). */
declare const response: Response;

/** A metrics library. */
declare const metrics: { observe(values: Record<string, unknown>): void };

/** Express (`app = express()`) and Fastify (`app = fastify()`), as far as the blocks use them. */
declare const express: {
  text(options: { type: string }): (request: unknown, response: unknown, next: () => void) => void;
};
interface ReaderFastifyScope {
  addContentTypeParser(
    type: string,
    options: { parseAs: 'string' },
    parser: (request: unknown, body: string, done: (error: Error | null, body?: string) => void) => void,
  ): void;
  all(
    path: string,
    route: (
      request: { raw: import('node:http').IncomingMessage; body: unknown },
      reply: { raw: import('node:http').ServerResponse; hijack(): void },
    ) => Promise<void>,
  ): void;
}
declare const app: {
  all(path: string, ...handlers: unknown[]): void;
  register(plugin: (scope: ReaderFastifyScope) => Promise<void>): void;
};

/** Cloudflare Workers' per-request context. */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** Vercel's request-scoped `waitUntil`. */
declare module '@vercel/functions' {
  export function waitUntil(promise: Promise<unknown>): void;
}
