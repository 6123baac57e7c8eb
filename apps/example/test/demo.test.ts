import { describeErrorCode } from '@kf/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo/run.js';
import { HOLD_BACK_MEANING } from '../src/send-guard.js';

const meaningOf = (code: number): string | undefined => describeErrorCode(code)?.en.replace(/\.$/, '');

// `pnpm demo` is the newcomer's first command: it must stay green. This runs the same script
// (standalone mock and bot on loopback ports, real HTTP callbacks) once and reads its transcript.
describe('pnpm demo', () => {
  const lines: string[] = [];
  let result: Awaited<ReturnType<typeof runDemo>>;
  beforeAll(async () => {
    result = await runDemo({ write: (line) => lines.push(line) });
  });

  it('plays every scripted step and every check passes', () => {
    const transcript = lines.join('\n');
    expect(result, transcript).toEqual({ passed: 16, failed: 0 });
    expect(transcript).toContain('Alice     ▸ [tapped "Opening hours" (opening_hours)]');
    expect(transcript).toContain('Bob       ▸ 人工');
    expect(transcript).toContain(
      'Bob       • event session_status_change: zhangsan took the session from the waiting pool',
    );
    expect(transcript).toContain('bot       … stays silent: zhangsan has the session (state 3)');
    expect(transcript).toMatch(/bot {7}◂ Thanks, we received your picture \(34,567 bytes\)/);
    expect(transcript).not.toContain('✖');
  });

  it('explains every mark its rows use in one legend line', () => {
    const legend = lines.filter((line) => line.includes('legend:'));
    expect(legend).toHaveLength(1);
    for (const mark of ['▸', '◂', '→', '•']) expect(legend[0]).toContain(` ${mark} `);
    // A row is two spaces, who (padded to 9), a mark, a space and the text.
    const marks = new Set(
      lines.map((line) => /^ {2}[^\s(✔✖].{8} (\S) /u.exec(line)?.[1]).filter((m) => m !== undefined),
    );
    expect(marks.size).toBeGreaterThanOrEqual(4);
    for (const mark of marks) expect(legend[0], mark).toContain(` ${mark} `);
  });

  it('prints the meaning from the error-code table next to every errcode', () => {
    const transcript = lines.join('\n');
    const codes = new Set([...transcript.matchAll(/\b9\d{4}\b/g)].map((m) => Number(m[0])));
    expect(codes.size).toBeGreaterThan(0);
    for (const code of codes) {
      const meaning = meaningOf(code);
      expect(meaning, `${code} is in the error-code table`).toBeDefined();
      const all = transcript.split(String(code)).length - 1;
      expect(transcript.split(`${code} (${meaning})`).length - 1, `every ${code} has its meaning`).toBe(all);
    }
    // The bot's own hold-back reasons, printed when it holds a message back, do the same.
    const reasons = Object.values(HOLD_BACK_MEANING).join('\n');
    for (const code of [95001, 95002]) expect(reasons).toContain(`${code} (${meaningOf(code)})`);
  });
});
