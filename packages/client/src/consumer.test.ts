import type { KfMsg } from '@kf/types';
import { describe, expect, it } from 'vitest';
import {
  deferred,
  FakeSource,
  flush,
  logSource,
  ManualTime,
  page,
  recordingCursorStore,
  textMsg,
} from './__fixtures__/consumer.js';
import { KfConsumer, type KfConsumerOptions } from './consumer.js';
import { InMemoryCursorStore } from './cursor-store.js';
import { InMemoryDedupStore } from './dedup-store.js';
import {
  KfConnectionError,
  KfConsumerError,
  type KfError,
  KfInvalidOptionsError,
  KfPlatformBusyError,
  KfRateLimitError,
} from './errors.js';
import { createApiError } from './internal/api-error.js';

const A = 'wk-a';
const apiError = (errcode: number) => createApiError({ errcode, errmsg: `e${errcode}`, endpoint: 'syncMsg' });
const msgs = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => textMsg(`${prefix}${i + 1}`));

/** A consumer of account A on a manual clock, collecting handled msgids and reported errors. */
function setup(source: FakeSource, options: Partial<KfConsumerOptions> = {}) {
  const time = new ManualTime();
  const handled: string[] = [];
  const errors: KfError[] = [];
  const consumer = new KfConsumer(source, {
    handler: (msg) => {
      handled.push(msg.msgid ?? '?');
    },
    accounts: [A],
    now: time.now,
    sleep: time.sleep,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { time, handled, errors, consumer };
}

describe('KfConsumer: pulling', () => {
  it('pulls every page from the start and hands each message to the handler in order', async () => {
    const source = logSource(msgs(5), 2);
    const { consumer, handled, errors } = setup(source);
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(source.requests.map((r) => r.cursor)).toEqual([undefined, '2', '4']);
    expect(errors).toEqual([]);
  });

  it('runs no two pulls of one account at once under a burst of 100 notifications, then pulls exactly once more', async () => {
    const gate = deferred();
    const log = msgs(3);
    const source = new FakeSource(async (request, index) => {
      if (index === 0) await gate.promise;
      const from = request.cursor === undefined ? 0 : Number(request.cursor);
      return page(log.slice(from), String(log.length), 0);
    });
    const { consumer, handled } = setup(source);
    consumer.start();
    await flush();
    for (let i = 0; i < 100; i += 1) consumer.notify(A, `TOKEN${i}`);
    await flush();
    expect(source.requests).toHaveLength(1);
    gate.resolve();
    await consumer.idle();
    expect(source.maxInFlight).toBe(1);
    expect(source.requests).toHaveLength(2);
    // The follow-up pull uses the newest Token and the cursor the first pull saved.
    expect(source.requests[1]).toMatchObject({ open_kfid: A, cursor: '3', token: 'TOKEN99' });
    expect(handled).toEqual(['m1', 'm2', 'm3']);
  });

  it('pulls accounts independently: a slow account does not hold up another', async () => {
    const gate = deferred();
    const source = new FakeSource(async (request) => {
      if (request.open_kfid === 'wk-slow') await gate.promise;
      return page([textMsg(`${request.open_kfid}-1`, request.open_kfid)], 'c1', 0);
    });
    const { consumer, handled } = setup(source, { accounts: ['wk-slow', 'wk-fast'] });
    consumer.start();
    await flush();
    expect(handled).toEqual(['wk-fast-1']);
    gate.resolve();
    await consumer.idle();
    expect(handled).toEqual(['wk-fast-1', 'wk-slow-1']);
    expect(consumer.accounts).toEqual(['wk-slow', 'wk-fast']);
  });

  it('follows has_more through empty pages', async () => {
    const pages = [page([], 'e1', 1), page([], 'e2', 1), page([textMsg('m1')], 'd1', 1), page([], 'e3', 0)];
    const source = new FakeSource((_r, i) => pages[i] ?? page([], 'x', 0));
    const events: string[] = [];
    const { consumer, handled } = setup(source, { cursorStore: recordingCursorStore(events) });
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual(['m1']);
    expect(source.requests.map((r) => r.cursor)).toEqual([undefined, 'e1', 'e2', 'd1']);
    expect(events).toEqual(['save e1', 'save e2', 'save d1', 'save e3']);
  });

  it('saves a page cursor only after the handler finished every message of the page', async () => {
    const events: string[] = [];
    const source = logSource(msgs(3), 2);
    const { consumer } = setup(source, {
      cursorStore: recordingCursorStore(events),
      handler: async (msg) => {
        await flush(1);
        events.push(`handled ${msg.msgid}`);
      },
    });
    consumer.start();
    await consumer.idle();
    expect(events).toEqual(['handled m1', 'handled m2', 'save 2', 'handled m3', 'save 3']);
  });

  it('resumes from the stored cursor and pulls with a fresh callback Token', async () => {
    const cursorStore = new InMemoryCursorStore();
    await cursorStore.set(A, '3');
    const source = logSource(msgs(5), 10);
    const { consumer, handled } = setup(source, { cursorStore });
    consumer.notify(A, 'CB_TOKEN');
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual(['m4', 'm5']);
    expect(source.requests).toEqual([{ open_kfid: A, cursor: '3', token: 'CB_TOKEN' }]);
    expect(await cursorStore.get(A)).toBe('5');
  });

  it('uses the callback Token for 10 minutes and pulls without it afterwards', async () => {
    const source = logSource([], 10);
    const { consumer, time } = setup(source, { accounts: [] });
    consumer.start();
    consumer.notify(A, 'CB_TOKEN');
    await consumer.idle();
    await time.advance(10 * 60_000 - 1);
    consumer.notify(A);
    await consumer.idle();
    await time.advance(1);
    consumer.notify(A);
    await consumer.idle();
    expect(source.requests.map((r) => r.token)).toEqual(['CB_TOKEN', 'CB_TOKEN', undefined]);
  });

  it('skips history on the first run when asked: drains without handling and saves the cursor', async () => {
    const log = msgs(5);
    const source = logSource(log, 2);
    const cursorStore = new InMemoryCursorStore();
    const { consumer, handled } = setup(source, { skipHistory: true, cursorStore });
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual([]);
    expect(await cursorStore.get(A)).toBe('5');
    log.push(textMsg('m6'));
    consumer.notify(A, 'T');
    await consumer.idle();
    expect(handled).toEqual(['m6']);
  });

  it('does not skip anything when a cursor is already stored', async () => {
    const cursorStore = new InMemoryCursorStore();
    await cursorStore.set(A, '2');
    const { consumer, handled } = setup(logSource(msgs(4), 10), { skipHistory: true, cursorStore });
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual(['m3', 'm4']);
  });

  it('passes limit and voice_format to every sync_msg call', async () => {
    const source = logSource(msgs(3), 2);
    const { consumer } = setup(source, { limit: 2, voice_format: 1 });
    consumer.start();
    await consumer.idle();
    expect(source.requests[0]).toEqual({ open_kfid: A, limit: 2, voice_format: 1 });
  });
});

describe('KfConsumer: de-duplication', () => {
  it('hands a msgid to the handler once, even when pages repeat it', async () => {
    const pages = [
      page([textMsg('m1'), textMsg('m2')], 'c1', 1),
      page([textMsg('m2'), textMsg('m3')], 'c2', 0),
    ];
    const { consumer, handled } = setup(new FakeSource((_r, i) => pages[i] ?? page([], 'c2', 0)));
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual(['m1', 'm2', 'm3']);
  });

  it('does not hand a message over again after a restart whose previous run handled it but saved no cursor', async () => {
    const dedupStore = new InMemoryDedupStore();
    let failSave = true;
    const saved = new Map<string, string>();
    const cursorStore = {
      get: async (key: string) => saved.get(key),
      set: async (key: string, cursor: string) => {
        if (failSave) throw new Error('redis down');
        saved.set(key, cursor);
      },
    };
    const log = msgs(3);
    const first = setup(logSource(log, 10), { dedupStore, cursorStore });
    first.consumer.start();
    await first.consumer.idle();
    await first.consumer.stop();
    expect(first.handled).toEqual(['m1', 'm2', 'm3']);
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0]).toBeInstanceOf(KfConsumerError);
    expect(first.errors[0]).toMatchObject({ reason: 'cursor_store', open_kfid: A });

    failSave = false;
    log.push(textMsg('m4'));
    const second = setup(logSource(log, 10), { dedupStore, cursorStore });
    second.consumer.start();
    await second.consumer.idle();
    expect(second.handled).toEqual(['m4']);
    expect(saved.get(A)).toBe('4');
  });

  it('delivers messages without a msgid every time (nothing to de-duplicate by)', async () => {
    const odd = { msgtype: 'unknown', raw: { foo: 1 } } as KfMsg;
    const { consumer, handled } = setup(new FakeSource(() => page([odd], 'c', 0)));
    consumer.start();
    await consumer.idle();
    consumer.notify(A);
    await consumer.idle();
    expect(handled).toEqual(['?', '?']);
  });

  it('forgets a msgid after the TTL', async () => {
    let t = 0;
    const store = new InMemoryDedupStore({ now: () => t });
    expect(await store.setIfAbsent('k', 100)).toBe(true);
    expect(await store.setIfAbsent('k', 100)).toBe(false);
    t = 99;
    expect(await store.has('k')).toBe(true);
    t = 100;
    expect(await store.has('k')).toBe(false);
    expect(await store.setIfAbsent('k', 100)).toBe(true);
  });
});

describe('KfConsumer: handler failures', () => {
  it('redelivers a failing message with backoff, at most maxAttempts times, then dead-letters it and moves on', async () => {
    const calls: string[] = [];
    const delays: number[] = [];
    const dead: { msgid: string | undefined; error: KfConsumerError }[] = [];
    const cursorStore = new InMemoryCursorStore();
    const source = logSource(msgs(3), 10);
    const { consumer, errors } = setup(source, {
      cursorStore,
      sleep: async (ms) => {
        delays.push(ms);
      },
      handler: (msg, { attempt }) => {
        calls.push(`${msg.msgid}#${attempt}`);
        if (msg.msgid === 'm2') throw new TypeError('boom');
      },
      onDeadLetter: (msg, error) => {
        dead.push({ msgid: msg.msgid, error });
      },
    });
    consumer.start();
    await consumer.idle();
    expect(calls).toEqual(['m1#1', 'm2#1', 'm2#2', 'm2#3', 'm3#1']);
    expect(delays).toEqual([1000, 2000]);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.msgid).toBe('m2');
    expect(dead[0]?.error).toMatchObject({ reason: 'handler', attempts: 3, msgid: 'm2', open_kfid: A });
    expect(dead[0]?.error.cause).toBeInstanceOf(TypeError);
    expect(errors).toEqual([]);
    expect(await cursorStore.get(A)).toBe('3');
    // A dead-lettered message is done: the next pull does not bring it back.
    consumer.notify(A);
    await consumer.idle();
    expect(calls).toHaveLength(5);
  });

  it('succeeds on a redelivery without dead-lettering', async () => {
    const calls: string[] = [];
    const { consumer, errors } = setup(logSource(msgs(1), 10), {
      maxAttempts: 5,
      sleep: async () => {},
      handler: (msg, { attempt }) => {
        calls.push(`${msg.msgid}#${attempt}`);
        if (attempt < 3) throw new Error('flaky');
      },
    });
    consumer.start();
    await consumer.idle();
    expect(calls).toEqual(['m1#1', 'm1#2', 'm1#3']);
    expect(errors).toEqual([]);
  });

  it('reports a given-up message to onError when there is no onDeadLetter', async () => {
    const { consumer, errors } = setup(logSource(msgs(2), 10), {
      maxAttempts: 1,
      handler: (msg) => {
        if (msg.msgid === 'm1') throw new Error('nope');
      },
    });
    consumer.start();
    await consumer.idle();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'KfConsumerError', reason: 'handler', msgid: 'm1', attempts: 1 });
  });

  it('keeps the message when onDeadLetter fails: no cursor saved, delivered again on the retried pull', async () => {
    const cursorStore = new InMemoryCursorStore();
    let broken = true;
    const calls: string[] = [];
    const { consumer, errors, time } = setup(logSource(msgs(2), 10), {
      cursorStore,
      maxAttempts: 1,
      handler: (msg) => {
        calls.push(msg.msgid ?? '?');
        if (msg.msgid === 'm2' && broken) throw new Error('handler down');
      },
      onDeadLetter: () => {
        throw new Error('dead-letter queue down');
      },
    });
    consumer.start();
    await consumer.idle();
    expect(calls).toEqual(['m1', 'm2']);
    expect(errors[0]).toMatchObject({ reason: 'dead_letter', msgid: 'm2' });
    expect(await cursorStore.get(A)).toBeUndefined();
    broken = false;
    await time.advance(999);
    expect(calls).toHaveLength(2);
    await time.advance(1);
    await consumer.idle();
    // m1 was handled already (de-duplicated); m2 comes again.
    expect(calls).toEqual(['m1', 'm2', 'm2']);
    expect(await cursorStore.get(A)).toBe('2');
  });
});

describe('KfConsumer: sync_msg errors', () => {
  it('drops a Token refused with 95007 and pulls the same page without it', async () => {
    const source = new FakeSource((request) => {
      if (request.token !== undefined) throw apiError(95007);
      return page([textMsg('m1')], 'c1', 0);
    });
    const { consumer, handled, errors } = setup(source);
    consumer.notify(A, 'STALE');
    consumer.start();
    await consumer.idle();
    expect(source.requests).toEqual([{ open_kfid: A, token: 'STALE' }, { open_kfid: A }]);
    expect(handled).toEqual(['m1']);
    expect(errors).toEqual([]);
    consumer.notify(A);
    await consumer.idle();
    expect(source.requests[2]).toEqual({ open_kfid: A, cursor: 'c1' });
  });

  it('after 45009 pulls no sooner than the rate-limit delay, doubling it while it repeats', async () => {
    let limited = 2;
    const source = new FakeSource(() => {
      if (limited > 0) {
        limited -= 1;
        throw apiError(45009);
      }
      return page([textMsg('m1')], 'c1', 0);
    });
    const { consumer, handled, errors, time } = setup(source);
    consumer.start();
    await consumer.idle();
    expect(errors[0]).toBeInstanceOf(KfRateLimitError);
    // Notifications without a Token during the pause do not pull.
    for (let i = 0; i < 10; i += 1) consumer.notify(A);
    await time.advance(59_999);
    expect(source.requests).toHaveLength(1);
    await time.advance(1);
    await consumer.idle();
    expect(source.requests).toHaveLength(2);
    expect(errors[1]).toBeInstanceOf(KfRateLimitError);
    await time.advance(119_999);
    expect(source.requests).toHaveLength(2);
    await time.advance(1);
    await consumer.idle();
    expect(source.requests).toHaveLength(3);
    expect(handled).toEqual(['m1']);
  });

  it('ends a rate-limit pause caused by a pull without Token as soon as a callback Token arrives', async () => {
    const source = new FakeSource((request) => {
      if (request.token === undefined) throw apiError(45009);
      return page([textMsg('m1')], 'c1', 0);
    });
    const { consumer, handled, time } = setup(source);
    consumer.start();
    await consumer.idle();
    await time.advance(5_000);
    consumer.notify(A, 'FRESH');
    await consumer.idle();
    expect(source.requests.map((r) => r.token)).toEqual([undefined, 'FRESH']);
    expect(handled).toEqual(['m1']);
  });

  it('retries a pull that failed with −1 or a network error after the client gave up, with growing delays', async () => {
    const failures = [new KfPlatformBusyError({ errcode: -1, errmsg: 'busy', endpoint: 'syncMsg' }), null];
    let calls = 0;
    const source = new FakeSource(() => {
      calls += 1;
      if (calls === 1) throw failures[0];
      if (calls === 2)
        throw new KfConnectionError({ message: 'syncMsg: request failed', endpoint: 'syncMsg' });
      return page([textMsg('m1')], 'c1', 0);
    });
    const { consumer, handled, errors, time } = setup(source);
    consumer.start();
    await consumer.idle();
    expect(errors.map((e) => e.name)).toEqual(['KfPlatformBusyError']);
    await time.advance(1_000);
    await consumer.idle();
    expect(errors.map((e) => e.name)).toEqual(['KfPlatformBusyError', 'KfConnectionError']);
    await time.advance(1_999);
    expect(calls).toBe(2);
    await time.advance(1);
    await consumer.idle();
    expect(handled).toEqual(['m1']);
    expect(time.requested).toEqual([1_000, 2_000]);
  });

  it('reports an authentication or configuration error and keeps retrying with backoff up to the cap', async () => {
    const source = new FakeSource(() => {
      throw apiError(40001);
    });
    const { consumer, errors, time } = setup(source, { maxRetryDelay: 4_000 });
    consumer.start();
    await consumer.idle();
    for (const delay of [1_000, 2_000, 4_000, 4_000]) {
      await time.advance(delay);
      await consumer.idle();
    }
    expect(errors.map((e) => e.name)).toEqual(Array(5).fill('KfConfigurationError'));
    expect(time.requested).toEqual([1_000, 2_000, 4_000, 4_000, 4_000]);
  });

  it('a notification during a retry wait pulls at once and cancels the wait', async () => {
    let calls = 0;
    const source = new FakeSource(() => {
      calls += 1;
      if (calls === 1) throw apiError(-1);
      return page([], 'c', 0);
    });
    const { consumer, time } = setup(source);
    consumer.start();
    await consumer.idle();
    expect(time.pending).toBe(1);
    consumer.notify(A, 'T');
    await consumer.idle();
    expect(calls).toBe(2);
    expect(time.pending).toBe(0);
  });
});

describe('KfConsumer: odd pages', () => {
  it('keeps the saved cursor when a last page has no next_cursor', async () => {
    const cursorStore = new InMemoryCursorStore();
    await cursorStore.set(A, 'c0');
    const source = new FakeSource(() => ({
      errcode: 0,
      errmsg: 'ok',
      has_more: 0,
      msg_list: [textMsg('m1')],
    }));
    const { consumer, handled } = setup(source, { cursorStore });
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual(['m1']);
    expect(await cursorStore.get(A)).toBe('c0');
  });

  it('reports has_more without next_cursor instead of pulling the first page forever', async () => {
    const source = new FakeSource(() => ({ errcode: 0, errmsg: 'ok', has_more: 1, msg_list: [] }));
    const { consumer, errors, time } = setup(source);
    consumer.start();
    await consumer.idle();
    expect(errors.map((e) => e.name)).toEqual(['KfResponseValidationError']);
    expect(source.requests).toHaveLength(1);
    expect(time.requested).toEqual([1_000]);
  });

  it('logs an onError hook that throws and goes on', async () => {
    const lines: string[] = [];
    const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (m: string) => lines.push(m) };
    const source = new FakeSource((_r, i) => {
      if (i === 0) throw apiError(-1);
      return page([textMsg('m1')], 'c1', 0);
    });
    const { consumer, handled, time } = setup(source, {
      logger,
      onError: () => {
        throw new Error('hook broken');
      },
    });
    consumer.start();
    await consumer.idle();
    expect(lines).toEqual(['the consumer onError hook threw']);
    await time.advance(1_000);
    await consumer.idle();
    expect(handled).toEqual(['m1']);
  });
});

describe('KfConsumer: lifecycle', () => {
  it('stop() waits for the in-flight page, saves its cursor, and fetches no further page', async () => {
    const release = deferred();
    const cursorStore = new InMemoryCursorStore();
    const source = logSource(msgs(4), 2);
    const handled: string[] = [];
    const { consumer } = setup(source, {
      cursorStore,
      handler: async (msg) => {
        if (msg.msgid === 'm1') await release.promise;
        handled.push(msg.msgid ?? '?');
      },
    });
    consumer.start();
    await flush();
    let stopped = false;
    const stopping = consumer.stop().then(() => {
      stopped = true;
    });
    await flush();
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(handled).toEqual(['m1', 'm2']);
    expect(await cursorStore.get(A)).toBe('2');
    expect(source.requests).toHaveLength(1);
    consumer.notify(A, 'T');
    await consumer.idle();
    expect(source.requests).toHaveLength(1);
    // start() again resumes from the saved cursor.
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('stop() cancels scheduled retries and polls', async () => {
    const source = new FakeSource(() => {
      throw apiError(-1);
    });
    const { consumer, time } = setup(source, { pollInterval: 60_000 });
    consumer.start();
    await consumer.idle();
    expect(time.pending).toBe(2);
    await consumer.stop();
    expect(time.pending).toBe(0);
    await time.advance(600_000);
    expect(source.requests).toHaveLength(1);
  });

  it('polls every known account at pollInterval', async () => {
    const source = logSource([], 10);
    const { consumer, time } = setup(source, { accounts: [A, 'wk-b'], pollInterval: 60_000 });
    consumer.start();
    await consumer.idle();
    await time.advance(60_000);
    await consumer.idle();
    await time.advance(60_000);
    await consumer.idle();
    expect(source.requests.map((r) => r.open_kfid)).toEqual([A, 'wk-b', A, 'wk-b', A, 'wk-b']);
  });

  it('remembers notifications before start() and pulls at start()', async () => {
    const source = logSource(msgs(1), 10);
    const { consumer, handled } = setup(source, { accounts: [] });
    consumer.notify('wk-new', 'T');
    await flush();
    expect(source.requests).toHaveLength(0);
    consumer.start();
    await consumer.idle();
    expect(source.requests).toEqual([{ open_kfid: 'wk-new', token: 'T' }]);
    expect(handled).toEqual(['m1']);
  });

  it('onEvent pulls on kf_msg_or_event, adds and removes accounts on kf_account_auth_change', async () => {
    const source = logSource([], 10);
    const { consumer } = setup(source, { accounts: [] });
    consumer.start();
    consumer.onEvent(
      {
        ToUserName: 'ww',
        CreateTime: 1,
        MsgType: 'event',
        Event: 'kf_msg_or_event',
        Token: 'T1',
        OpenKfId: 'wk-1',
      },
      { receivedAt: 0 },
    );
    consumer.onEvent({
      ToUserName: 'ww',
      CreateTime: 1,
      MsgType: 'event',
      Event: 'kf_account_auth_change',
      AuthAddOpenKfId: ['wk-2'],
      AuthDelOpenKfId: ['wk-1'],
    });
    consumer.onEvent({ Event: 'unknown', raw: { Event: 'change_contact' } });
    await consumer.idle();
    expect(consumer.accounts).toEqual(['wk-2']);
    expect(source.requests.map((r) => r.open_kfid)).toEqual(['wk-1', 'wk-2']);
  });

  it('refuses unknown or invalid options at once', () => {
    const source = logSource([], 1);
    expect(() => new KfConsumer(source, { handler: () => {}, maxAttempts: 0 })).toThrow(
      KfInvalidOptionsError,
    );
    expect(
      () => new KfConsumer(source, { handler: () => {}, colour: 'red' } as unknown as KfConsumerOptions),
    ).toThrow(KfInvalidOptionsError);
    expect(() => new KfConsumer(source, {} as KfConsumerOptions)).toThrow(/handler/);
    expect(() => new KfConsumer(source, { handler: () => {} }).notify('')).toThrow(KfInvalidOptionsError);
  });

  it('logs a failed pull when there is no onError, without the Token', async () => {
    const lines: string[] = [];
    const logger = {
      debug: () => {},
      info: () => {},
      warn: (m: string, f?: Record<string, unknown>) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
      error: (m: string, f?: Record<string, unknown>) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
    };
    const source = new FakeSource(() => {
      throw apiError(-1);
    });
    const time = new ManualTime();
    const consumer = new KfConsumer(source, { handler: () => {}, logger, now: time.now, sleep: time.sleep });
    consumer.notify(A, 'SECRET_CALLBACK_TOKEN');
    consumer.start();
    await consumer.idle();
    expect(lines.some((l) => l.includes('KfPlatformBusyError'))).toBe(true);
    expect(lines.join('\n')).not.toContain('SECRET_CALLBACK_TOKEN');
  });
});
