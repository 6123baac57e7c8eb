/** Reads a `text/event-stream` body event by event (the `data:` of each, parsed as JSON). */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: unknown[] = [];
  const next = async (): Promise<unknown> => {
    while (queue.length === 0) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        if (data !== '') queue.push(JSON.parse(data));
        end = buffer.indexOf('\n\n');
      }
    }
    return queue.shift();
  };
  return {
    next,
    /** The next event matching `test`, skipping at most `limit` others. */
    async until<T>(test: (event: T) => boolean, limit = 50): Promise<T> {
      for (let i = 0; i <= limit; i++) {
        const event = (await next()) as T;
        if (test(event)) return event;
      }
      throw new Error(`no matching event among ${limit + 1}`);
    },
    cancel: () => reader.cancel(),
  };
}
