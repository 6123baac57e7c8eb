import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs `node ...nodeArgs <script> ...args` from this folder and parses the last line of its output as JSON. */
export function runChild<T>(
  script: string,
  args: readonly string[],
  timeoutMs = 60_000,
  nodeArgs: readonly string[] = [],
): Promise<T> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeArgs, path, ...args],
      { timeout: timeoutMs, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${script} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
          return;
        }
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`${script} printed no JSON: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}
