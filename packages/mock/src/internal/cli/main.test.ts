import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';
import type { CliProcess } from './main.js';
import { main } from './main.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const dir = mkdtempSync(join(tmpdir(), 'kf-mock-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeProcess() {
  const out: string[] = [];
  const err: string[] = [];
  const listeners = new Map<string, () => void>();
  const exits: number[] = [];
  let exited: () => void = () => {};
  const exitedOnce = new Promise<void>((resolve) => {
    exited = resolve;
  });
  const proc: CliProcess = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    once: (signal, listener) => listeners.set(signal, listener),
    exit: (code) => {
      exits.push(code);
      exited();
    },
  };
  return { proc, out, err, listeners, exits, exitedOnce };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('kf-mock', () => {
  it('starts from a seed file, prints the banner with URL and credentials, and stops on SIGTERM', async () => {
    const seedFile = file(
      'world.json',
      JSON.stringify({
        accounts: [{ name: '售后', servicers: ['zhangsan'] }],
        customers: [{ nickname: '张三' }],
      }),
    );
    const fake = fakeProcess();
    const server = await main(['--port', '0', '--seed', 'cli', '--seed-file', seedFile], fake.proc);
    if (server === undefined) throw new Error(fake.err.join(''));
    const banner = fake.out.join('');
    expect(banner).toContain(`kf-mock listening on ${server.url}`);
    expect(banner).toContain(`console      ${server.url}/ (open it in a browser`);
    expect(banner).toContain(`corpid       ${server.mock.credentials.corpId}`);
    expect(banner).toContain(`corpsecret   ${server.mock.credentials.secret}`);
    expect(banner).toContain(`account      ${server.setup.accounts[0]?.open_kfid}  售后`);
    expect(banner).toContain(`customer     ${server.setup.customers[0]?.external_userid}  张三`);
    expect(banner).toContain('callbacks    off');
    const { corpId, secret: corpSecret } = server.mock.credentials;
    const token = await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`);
    expect(await token.json()).toMatchObject({ errcode: 0 });

    expect([...fake.listeners.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
    fake.listeners.get('SIGTERM')?.();
    await fake.exitedOnce;
    expect(fake.exits).toEqual([0]);
    await expect(fetch(`${server.url}/__kf_mock`)).rejects.toThrow(TypeError);
  });

  it('configures callbacks from the flags and gives the same ids for the same seed', async () => {
    const ids: string[] = [];
    for (let run = 0; run < 2; run++) {
      const fake = fakeProcess();
      const flags = [
        '--callback-url',
        'http://127.0.0.1:9/cb',
        '--callback-token',
        'tok',
        '--encoding-aes-key',
        KEY,
      ];
      const server = await main([...flags, '--seed', 'same'], fake.proc);
      if (server === undefined) throw new Error(fake.err.join(''));
      expect(fake.out.join('')).toContain('callbacks    POST http://127.0.0.1:9/cb');
      expect(server.mock.callbacks.config()).toEqual({
        url: 'http://127.0.0.1:9/cb',
        token: 'tok',
        encodingAESKey: KEY,
      });
      ids.push(server.mock.scenario.createAccount());
      fake.listeners.get('SIGINT')?.();
      await fake.exitedOnce;
    }
    expect(ids[0]).toBe(ids[1]);
  });

  it('prints the usage for --help', async () => {
    const fake = fakeProcess();
    expect(await main(['--help'], fake.proc)).toBeUndefined();
    expect(fake.out.join('')).toMatch(/^Usage: kf-mock \[options\]/);
    expect(fake.exits).toEqual([]);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', '70000'], /--port must be an integer from 0 to 65535, got 70000/],
    [['--callback-url', 'http://x'], /go together/],
    [['--seed-file', '/nonexistent/kf.json'], /cannot read the seed file \/nonexistent\/kf.json/],
    [['--seed-file', file('broken.json', '{')], /is not valid JSON/],
    [['--seed-file', file('typo.json', '{"acounts": []}')], /invalid setup: Unrecognized key: "acounts"/],
  ])('fails with a message and exit code 1 for %o', async (argv, message) => {
    const fake = fakeProcess();
    expect(await main(argv, fake.proc)).toBeUndefined();
    expect(fake.err.join('')).toMatch(message);
    expect(fake.err.join('')).toMatch(/^kf-mock: /);
    expect(fake.exits).toEqual([1]);
  });

  it('says once what is wrong with a flag, and where the options are', async () => {
    const fake = fakeProcess();
    expect(await main(['--prot', '1'], fake.proc)).toBeUndefined();
    const err = fake.err.join('');
    expect(err.match(/Unknown option '--prot'/g)).toHaveLength(1);
    expect(err).toMatch(/^kf-mock: Unknown option '--prot'.*\nRun kf-mock --help for the options\.\n$/);
    expect(fake.exits).toEqual([1]);
  });

  it('parses the defaults: any port on loopback', () => {
    expect(parseCliArgs([])).toEqual({ help: false, strict: false, port: 0, host: '127.0.0.1' });
    expect(parseCliArgs(['--strict']).strict).toBe(true);
  });
});
