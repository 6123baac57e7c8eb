import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo/run.js';

// `pnpm demo` is the newcomer's first command: it must stay green. This runs the same script
// (standalone mock and bot on loopback ports, real HTTP callbacks) and reads its transcript.
describe('pnpm demo', () => {
  it('plays every scripted step and every check passes', async () => {
    const lines: string[] = [];
    const result = await runDemo({ write: (line) => lines.push(line) });
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
});
