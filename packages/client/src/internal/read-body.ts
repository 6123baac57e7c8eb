import { KfResponseTooLargeError } from '../errors.js';

/** Where a bounded read is reported from. */
export interface BodyBound {
  readonly endpoint: string;
  /** Redacted URL. */
  readonly url: string;
  /** Most bytes accepted, after decompression. */
  readonly limit: number;
}

/** Drops the rest of a body without waiting for the other side (a cancel may never settle). */
function discard(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  reader.cancel().catch(() => {
    // Nothing to do: the body is abandoned either way.
  });
}

/**
 * The stream's bytes, or `null` as soon as more than `limit` have arrived: the count is kept while
 * reading, so an endless body stops at the limit, and the rest is dropped, never buffered.
 */
export async function readAtMost(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | null> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      discard(reader);
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads a response body, at most `bound.limit` bytes. `fetch` hands out the decoded body, so the
 * bytes counted are the decompressed ones (a gzip bomb is stopped at the limit, not at its
 * compressed size).
 */
export async function readBytes(response: Response, bound: BodyBound): Promise<Uint8Array> {
  const tooLarge = (): KfResponseTooLargeError => new KfResponseTooLargeError(bound);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const encoded = (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  // An identity body announces its decoded size: refuse it before reading a byte.
  if (
    response.body !== null &&
    encoded === 'identity' &&
    Number.isFinite(declared) &&
    declared > bound.limit
  ) {
    discard(response.body.getReader());
    throw tooLarge();
  }
  const bytes = await readAtMost(response.body, bound.limit);
  if (bytes === null) throw tooLarge();
  return bytes;
}

const decoder = new TextDecoder();

/** {@link readBytes} as UTF-8 text (what `response.text()` would give, bounded). */
export async function readText(response: Response, bound: BodyBound): Promise<string> {
  return decoder.decode(await readBytes(response, bound));
}

/**
 * The body as a stream that errors with `KfResponseTooLargeError` (and stops reading the source)
 * once more than `bound.limit` bytes have passed: a stream handed to the caller stays bounded too.
 */
export function boundedStream(
  body: ReadableStream<Uint8Array>,
  bound: BodyBound,
): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > bound.limit) {
          controller.error(new KfResponseTooLargeError(bound));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}
