/**
 * Concurrency: hundreds of concurrent `sendMsg` and `syncMsg` calls against `@kf/mock` while the
 * access token expires under them, four times: twice revoked (40014) and twice by the clock moving
 * past its expiry (42001, and the client's own clock sees it expire). The calls' requests are held
 * at a gate in the client's `fetch` until all of them carry the old token, then released at once.
 * Every call settles with a result or a typed error, and there is exactly one `gettoken` per
 * expiry (counted from `mock.world.calls()`). Sends carry their own msgid, so what the mock
 * recorded as sent can be checked against what each call answered: nothing twice, nothing the
 * client called a failure.
 *
 * Deterministic: seeded choices, the mock clock, an instant `sleep` that moves that clock; no
 * assertion on time.
 */
import { createKfMock, HOUR } from '@kf/mock';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countBy } from './__fixtures__/chaos.js';
import { deferred, seeded } from './__fixtures__/consumer.js';
import { KfClient } from './client.js';
import {
  isKfError,
  KfApiError,
  KfAuthenticationError,
  KfBusinessRuleError,
  KfConnectionError,
  KfPlatformBusyError,
  KfRateLimitError,
  KfSendOutcomeUnknownError,
} from './errors.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const SEED = 0x6b660008;
const WAVES = ['revoke', 'clock', 'revoke', 'clock'] as const;
const BEFORE = 200; // calls whose requests wait at the gate with the old token
const AFTER = 100; // calls started after the token expired
const TOKEN_TTL_MS = 2 * HOUR;
const AFTER_EXPIRIES = 20; // calls after the last expiry, under lost answers and a dropped connection

/** Lets pending promise and I/O callbacks run, at most `rounds` times, until `done()`. */
async function until(done: () => boolean, rounds = 2_000): Promise<void> {
  for (let i = 0; i < rounds && !done(); i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

type Outcome =
  | { readonly kind: 'send'; readonly msgid: string; readonly settled: PromiseSettledResult<unknown> }
  | { readonly kind: 'sync'; readonly settled: PromiseSettledResult<unknown> };

describe('concurrency: sends and syncs while the access token expires', () => {
  it('settles every call with a result or a typed error, with one gettoken per expiry', {
    timeout: 120_000,
  }, async () => {
    const random = seeded(SEED);
    const mock = createKfMock({
      seed: 'concurrency',
      // A fixed start: the seed must replay the same run, whatever the time of day.
      startTime: Date.UTC(2024, 0, 1),
      maxCallRecords: 1_000_000,
      tokenTtlSeconds: TOKEN_TTL_MS / 1000,
    });
    server.resetHandlers(...mock.handlers);

    // The gate: while closed, every API request (not gettoken) waits here with its token in the URL.
    let gate = deferred();
    let closed = false;
    let held = 0;
    const gatedFetch: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (closed && !url.includes('/cgi-bin/gettoken')) {
        held += 1;
        await gate.promise;
      }
      return fetch(input, init);
    };
    const kf = new KfClient({
      ...mock.credentials,
      fetch: gatedFetch,
      validateResponses: 'throw',
      now: mock.clock.now,
      random,
      sleep: async (ms) => {
        mock.clock.advance(ms);
      },
    });

    const accounts = ['售后', '咨询'].map((name) => mock.scenario.createAccount({ name }));
    const customers = Array.from({ length: 30 }, (_, i) =>
      mock.scenario.createCustomer({ nickname: `c${i}` }),
    );
    /** Every customer writes to every account: 5 more sends each (the quota), a fresh callback Token. */
    const customersWrite = () => {
      for (const open_kfid of accounts) {
        for (const external_userid of customers) {
          mock.scenario.customerSends({
            open_kfid,
            external_userid,
            message: { msgtype: 'text', text: { content: '在吗' } },
          });
        }
      }
    };

    const outcomes: Outcome[] = [];
    const gettokensPerWave: number[] = [];
    let callNo = 0;
    const call = (wave: number): Promise<unknown> => {
      callNo += 1;
      const open_kfid = accounts[Math.floor(random() * accounts.length)] ?? '';
      if (random() < 0.3) {
        const promise = kf.syncMsg({
          open_kfid,
          token: mock.world.latestCallbackToken(open_kfid),
          limit: 50,
        });
        return promise.then(
          (value) => void outcomes.push({ kind: 'sync', settled: { status: 'fulfilled', value } }),
          (reason: unknown) => void outcomes.push({ kind: 'sync', settled: { status: 'rejected', reason } }),
        );
      }
      const msgid = `w${wave}-c${callNo}`;
      const touser = customers[Math.floor(random() * customers.length)] ?? '';
      const promise = kf.sendMsg({
        touser,
        open_kfid,
        msgid,
        msgtype: 'text',
        text: { content: `回复 ${callNo}` },
      });
      return promise.then(
        (value) => void outcomes.push({ kind: 'send', msgid, settled: { status: 'fulfilled', value } }),
        (reason: unknown) =>
          void outcomes.push({ kind: 'send', msgid, settled: { status: 'rejected', reason } }),
      );
    };

    await kf.getAccessToken(); // the first token, before any expiry
    for (const [wave, how] of WAVES.entries()) {
      customersWrite();
      // Faults in the middle of it: bursts of -1, 45009, a dropped connection, a lost answer.
      mock.scenario.systemBusy('sendMsg', { times: 1 + Math.floor(random() * 4) });
      mock.scenario.rateLimit('sendMsg', { times: 2 });
      mock.scenario.dropNext('syncMsg');
      mock.scenario.loseResponseNext('sendMsg');
      const callsBefore = mock.world.calls().length;
      gate = deferred();
      closed = true;
      held = 0;
      const pending = Array.from({ length: BEFORE }, () => call(wave));
      await until(() => held === BEFORE);
      expect(held).toBe(BEFORE);
      // The token expires while every one of these requests carries it.
      if (how === 'revoke') mock.scenario.revokeTokens();
      else mock.clock.advance(TOKEN_TTL_MS + 1_000);
      pending.push(...Array.from({ length: AFTER }, () => call(wave)));
      await until(() => held === BEFORE + AFTER);
      expect(held).toBe(BEFORE + AFTER);
      closed = false;
      gate.resolve();
      await Promise.all(pending);
      gettokensPerWave.push(
        mock.world
          .calls()
          .slice(callsBefore)
          .filter((c) => c.endpoint === 'getToken').length,
      );
    }

    // After the expiries, with a valid token: lost answers and a dropped connection under 20
    // concurrent sends (a retry after a lost answer is refused: "outcome unknown", typed).
    customersWrite();
    mock.scenario.loseResponseNext('sendMsg', { times: 3 });
    mock.scenario.dropNext('sendMsg');
    const last = Array.from({ length: AFTER_EXPIRIES }, () => call(WAVES.length));
    await Promise.all(last);

    const calls = mock.world.calls();
    const sent = mock.world.sent().map((s) => String(s.msgid));
    const sentCount = countBy(sent, (id) => id);
    const rejected = outcomes.flatMap((o) => (o.settled.status === 'rejected' ? [o.settled.reason] : []));
    const errorName = (e: unknown) =>
      e instanceof KfApiError ? `${e.name} ${e.errcode}` : e instanceof Error ? e.name : typeof e;
    console.log(
      `concurrency (seed 0x${SEED.toString(16)}): ${outcomes.length} calls (${outcomes.filter((o) => o.kind === 'send').length} sendMsg, ` +
        `${outcomes.filter((o) => o.kind === 'sync').length} syncMsg) in ${WAVES.length} expiries (${WAVES.join(', ')}); ` +
        `fulfilled ${outcomes.length - rejected.length}, typed errors ${rejected.length} ${JSON.stringify(countBy(rejected, errorName))}; ` +
        `gettoken per expiry ${JSON.stringify(gettokensPerWave)} (${calls.filter((c) => c.endpoint === 'getToken').length} in all); ` +
        `answered 40014 ×${calls.filter((c) => c.errcode === 40014).length}, 42001 ×${calls.filter((c) => c.errcode === 42001).length}; ` +
        `messages sent ${sent.length}`,
    );

    expect(outcomes).toHaveLength(WAVES.length * (BEFORE + AFTER) + AFTER_EXPIRIES);
    expect(rejected.some((e) => e instanceof KfSendOutcomeUnknownError)).toBe(true);
    // Exactly one refresh per expiry, and one gettoken before the first.
    expect(gettokensPerWave).toEqual(WAVES.map(() => 1));
    expect(calls.filter((c) => c.endpoint === 'getToken')).toHaveLength(1 + WAVES.length);
    // The held requests met the expiry (a few met an injected fault first, answered before the token check).
    expect(calls.filter((c) => c.errcode === 40014).length).toBeGreaterThanOrEqual(2 * (BEFORE - 10));
    expect(calls.filter((c) => c.errcode === 42001).length).toBeGreaterThanOrEqual(2 * (BEFORE - 10));
    for (const reason of rejected) {
      expect(isKfError(reason)).toBe(true);
      // The refresh worked for everyone: no call gave up on its token.
      expect(reason).not.toBeInstanceOf(KfAuthenticationError);
      const known = [
        KfBusinessRuleError,
        KfRateLimitError,
        KfPlatformBusyError,
        KfConnectionError,
        KfSendOutcomeUnknownError,
      ];
      expect(known.some((type) => reason instanceof type)).toBe(true);
    }
    for (const outcome of outcomes) {
      if (outcome.kind === 'sync') {
        if (outcome.settled.status === 'fulfilled')
          expect(outcome.settled.value).toMatchObject({ errcode: 0, msg_list: expect.any(Array) });
        continue;
      }
      const times = sentCount[outcome.msgid] ?? 0;
      if (outcome.settled.status === 'fulfilled') {
        expect(outcome.settled.value).toMatchObject({ errcode: 0, msgid: outcome.msgid });
        expect({ msgid: outcome.msgid, times }).toEqual({ msgid: outcome.msgid, times: 1 });
      } else if (
        outcome.settled.reason instanceof KfSendOutcomeUnknownError ||
        outcome.settled.reason instanceof KfConnectionError ||
        outcome.settled.reason instanceof KfPlatformBusyError
      ) {
        // "Maybe delivered": at most once.
        expect(times).toBeLessThanOrEqual(1);
      } else {
        // A refusal (95001 quota, 45009): not sent.
        expect({ msgid: outcome.msgid, times }).toEqual({ msgid: outcome.msgid, times: 0 });
      }
    }
    // Both kinds of calls succeeded and failed somewhere in the run.
    expect(outcomes.some((o) => o.kind === 'sync' && o.settled.status === 'fulfilled')).toBe(true);
    expect(outcomes.some((o) => o.kind === 'send' && o.settled.status === 'fulfilled')).toBe(true);
    expect(rejected.length).toBeGreaterThan(0);
  });
});
