import { parseArgs } from 'node:util';
import { KfMockError } from '../../errors.js';

/** The options of the `kf-mock` command line. */
export interface CliArgs {
  readonly help: boolean;
  readonly port: number;
  readonly host: string;
  readonly seed?: string;
  readonly seedFile?: string;
  readonly callbackUrl?: string;
  readonly callbackToken?: string;
  readonly encodingAESKey?: string;
  /** `--strict`: refuse request shapes the platform tolerates (`strictRequests`). */
  readonly strict: boolean;
}

/** The `--help` text. */
export const USAGE = `Usage: kf-mock [options]

A stateful mock of the WeCom Customer Service (微信客服) API over HTTP.

Options:
  --port <n>                 port to listen on (default 0: any free port)
  --host <addr>              interface to listen on (default 127.0.0.1)
  --seed <text>              seed of ids and tokens (default kf-mock)
  --seed-file <path.json>    accounts, servicers, customers and callback config to create
  --callback-url <url>       push kf_msg_or_event callbacks to this URL
  --callback-token <token>   the callback Token
  --encoding-aes-key <key>   the callback EncodingAESKey (43 characters)
  --strict                   refuse request shapes the platform tolerates (unknown fields,
                             "" or null for optional fields); default: accept them and record
                             a warning on the call (GET /__kf_mock/calls)
  -h, --help                 show this help
`;

/** Parses the command line; a wrong option throws `KfMockError` with a message for the user. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (cause) {
    throw new KfMockError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new KfMockError(`--port must be an integer from 0 to 65535, got ${values.port}`);
  }
  const callback = [values['callback-url'], values['callback-token'], values['encoding-aes-key']];
  const given = callback.filter((value) => value !== undefined).length;
  if (given !== 0 && given !== 3) {
    throw new KfMockError('--callback-url, --callback-token and --encoding-aes-key go together');
  }
  return {
    help: values.help ?? false,
    strict: values.strict ?? false,
    port,
    host: values.host ?? '127.0.0.1',
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    ...(values['seed-file'] === undefined ? {} : { seedFile: values['seed-file'] }),
    ...(values['callback-url'] === undefined ? {} : { callbackUrl: values['callback-url'] }),
    ...(values['callback-token'] === undefined ? {} : { callbackToken: values['callback-token'] }),
    ...(values['encoding-aes-key'] === undefined ? {} : { encodingAESKey: values['encoding-aes-key'] }),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      strict: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'seed-file': { type: 'string' },
      'callback-url': { type: 'string' },
      'callback-token': { type: 'string' },
      'encoding-aes-key': { type: 'string' },
    },
  });
}
