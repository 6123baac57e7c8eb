import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_RETRY_DELAY_MS } from './backoff.js';
import { SeenKeys } from './dedupe.js';
import { Log } from './log.js';
import { redactText, redactUrl } from './redact.js';

describe('backoffDelay', () => {
  it('doubles from 500 ms, caps at 8 s, and jitters down by at most 25 %', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffDelay(1, () => 0.999999)).toBe(375);
    expect(backoffDelay(10, () => 0.5)).toBe(MAX_RETRY_DELAY_MS * 0.875);
  });

  it("takes the consumer's base and cap, and stays finite after any number of failures", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0, 1_000, 4_000))).toEqual([1000, 2000, 4000, 4000]);
    expect(backoffDelay(5_000, () => 0, 1_000, 300_000)).toBe(300_000);
    expect(backoffDelay(5_000, () => 0, 0, 300_000)).toBe(0);
    expect(backoffDelay(2, () => 0.999999, 1_000, 300_000)).toBe(1500);
  });
});

describe('redaction', () => {
  it('redacts credential query parameters wherever they are in a URL', () => {
    expect(redactUrl('https://h/cgi-bin/gettoken?corpid=ww1&corpsecret=S3CR3T&x=1')).toBe(
      'https://h/cgi-bin/gettoken?corpid=ww1&corpsecret=[REDACTED]&x=1',
    );
    expect(redactUrl('https://h/p?access_token=abc#frag')).toBe('https://h/p?access_token=[REDACTED]#frag');
    expect(redactUrl('https://h/p?open_kfid=wk1')).toBe('https://h/p?open_kfid=wk1');
  });

  it('removes known secret values from free text, leaving short words alone', () => {
    expect(redactText('token LONGTOKEN123 was refused; ok', ['LONGTOKEN123', 'ok'])).toBe(
      'token [REDACTED] was refused; ok',
    );
  });
});

describe('SeenKeys', () => {
  it('remembers keys for the window and then forgets them', () => {
    let now = 0;
    const seen = new SeenKeys(1000, 100, () => now);
    expect(seen.check('a')).toBe('new');
    expect(seen.check('a')).toBe('seen');
    now = 1000;
    expect(seen.check('a')).toBe('new');
  });

  it('never forgets a key inside the window: at capacity a new key is refused, not recorded', () => {
    // Evicting the oldest key to make room let a callback replay outlast 10 000 newer ones.
    let now = 0;
    const seen = new SeenKeys(60_000, 2, () => now);
    expect([seen.check('a'), seen.check('b'), seen.check('c')]).toEqual(['new', 'new', 'full']);
    expect([seen.check('a'), seen.check('b'), seen.check('c')]).toEqual(['seen', 'seen', 'full']);
    now = 60_000;
    expect(seen.check('c')).toBe('new');
  });
});

describe('Log', () => {
  it('redacts secret-named fields and secret values, and survives a throwing logger', () => {
    const lines: unknown[] = [];
    const log = new Log(
      {
        debug: () => {
          throw new Error('broken logger');
        },
        info: (message, fields) => lines.push([message, fields]),
        warn: () => {},
        error: () => {},
      },
      'debug',
      () => ['SUPERSECRETVALUE'],
    );
    expect(() => log.debug('x')).not.toThrow();
    log.info('got SUPERSECRETVALUE', { access_token: 'abc', note: 'SUPERSECRETVALUE!', count: 3 });
    expect(lines).toEqual([
      ['got [REDACTED]', { access_token: '[REDACTED]', note: '[REDACTED]!', count: 3 }],
    ]);
  });

  it("writes nothing below its level or when 'off'", () => {
    const lines: string[] = [];
    const sink = {
      debug: () => lines.push('d'),
      info: () => lines.push('i'),
      warn: () => lines.push('w'),
      error: () => lines.push('e'),
    };
    const warn = new Log(sink, 'warn', () => []);
    warn.debug('x');
    warn.info('x');
    warn.warn('x');
    warn.error('x');
    new Log(sink, 'off', () => []).error('x');
    expect(lines).toEqual(['w', 'e']);
  });
});
