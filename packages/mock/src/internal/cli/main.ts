import { readFile } from 'node:fs/promises';
import { createWallClock } from '../../clock.js';
import { KfMockError } from '../../errors.js';
import type { KfMockServer } from '../../server.js';
import { start } from '../../server.js';
import type { KfMockSetup } from '../../setup.js';
import type { CliArgs } from './args.js';
import { parseCliArgs, USAGE } from './args.js';

/** What the CLI needs from `process`; tests pass a fake. */
export interface CliProcess {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): void;
}

async function readSetup(path: string): Promise<KfMockSetup> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new KfMockError(`cannot read the seed file ${path}`, { cause });
  }
  try {
    return JSON.parse(text) as KfMockSetup; // checked by start()
  } catch (cause) {
    throw new KfMockError(`the seed file ${path} is not valid JSON`, { cause });
  }
}

/** The start-up banner: where the API is, the credentials, and what the seed file created. */
export function banner(server: KfMockServer): string {
  const { corpId, secret } = server.mock.credentials;
  const callback = server.mock.callbacks.config();
  const lines = [
    `kf-mock listening on ${server.url}`,
    `  console      ${server.url}/ (open it in a browser: chat as a customer, act as servicers)`,
    `  API          ${server.url}/cgi-bin/...`,
    `  control API  ${server.url}/__kf_mock (GET it for the list of routes)`,
    `  corpid       ${corpId}`,
    `  corpsecret   ${secret}`,
    `  callbacks    ${callback === undefined ? 'off' : `POST ${callback.url}`}`,
    `  requests     ${server.mock.strictRequests ? 'strict (--strict)' : 'read as the platform reads them (warnings in GET /__kf_mock/calls)'}`,
  ];
  for (const account of server.setup.accounts)
    lines.push(`  account      ${account.open_kfid}  ${account.name}`);
  for (const customer of server.setup.customers) {
    lines.push(`  customer     ${customer.external_userid}  ${customer.nickname}`);
  }
  return `${lines.join('\n')}\n`;
}

async function startFrom(args: CliArgs): Promise<KfMockServer> {
  const file = args.seedFile === undefined ? {} : await readSetup(args.seedFile);
  const setup: KfMockSetup =
    args.callbackUrl === undefined || args.callbackToken === undefined || args.encodingAESKey === undefined
      ? file
      : {
          ...file,
          callback: { url: args.callbackUrl, token: args.callbackToken, encodingAESKey: args.encodingAESKey },
        };
  return start({
    port: args.port,
    host: args.host,
    // The apps it serves check callback timestamps against their own clocks.
    clock: createWallClock(),
    setup,
    strictRequests: args.strict,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
  });
}

/** Reports `error` once on stderr, then `hint`, and exits with 1. */
function fail(proc: CliProcess, error: unknown, hint: string): undefined {
  const message = error instanceof Error ? error.message : String(error);
  // A wrapped cause adds what the message lacks (ENOENT, a JSON position); never the same words twice.
  const cause =
    error instanceof Error && error.cause instanceof Error && !message.includes(error.cause.message)
      ? ` (${error.cause.message})`
      : '';
  proc.stderr.write(`kf-mock: ${message}${cause}\n${hint}`);
  proc.exit(1);
  return undefined;
}

/**
 * Runs `kf-mock`: parses the arguments, starts the server, prints the banner, and closes the server
 * on SIGINT or SIGTERM before exiting with 0. Errors go to stderr with exit code 1. Resolves with
 * the server (or `undefined` for `--help` and errors).
 */
export async function main(argv: readonly string[], proc: CliProcess): Promise<KfMockServer | undefined> {
  let server: KfMockServer;
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    return fail(proc, error, 'Run kf-mock --help for the options.\n');
  }
  if (args.help) {
    proc.stdout.write(USAGE);
    return undefined;
  }
  try {
    server = await startFrom(args);
  } catch (error) {
    return fail(proc, error, '');
  }
  proc.stdout.write(banner(server));
  const stop = (): void => {
    server.close().then(
      () => proc.exit(0),
      () => proc.exit(1),
    );
  };
  proc.once('SIGINT', stop);
  proc.once('SIGTERM', stop);
  return server;
}
