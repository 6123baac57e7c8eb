// README code is code: every ```ts / ```js block of every README is typechecked against the
// workspace sources, with the compiler options the packages use. A block that a reader copies must
// compile once its imports are installed; the names it uses come from its own imports, from the
// block it continues (`<!-- readme-check: continues -->`), or from the reader's own code declared in
// `readme-env.d.ts` (a logger, a Redis client, an Express app…), never from kf.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { type CodeBlock, codeBlocks, readmes, root } from './readme-blocks.ts';

interface Unit {
  readonly file: string;
  readonly text: string;
  /** README path and line of every line of `text`. */
  readonly origin: readonly string[];
}

/** Blocks grouped into files: a block that continues the previous one is appended to its file. */
function units(): Unit[] {
  const out: { file: string; blocks: CodeBlock[] }[] = [];
  for (const readme of readmes()) {
    codeBlocks(readme).forEach((block, index) => {
      const last = out.at(-1);
      if (block.continues && last !== undefined && last.blocks[0]?.readme === readme.path)
        last.blocks.push(block);
      else out.push({ file: join(readme.dir, `README.block-${index + 1}.ts`), blocks: [block] });
    });
  }
  return out.map(({ file, blocks }) => {
    const origin: string[] = [];
    const parts: string[] = [];
    for (const block of blocks) {
      block.code.split('\n').forEach((_, i) => {
        origin.push(`${block.readme}:${block.line + i}`);
      });
      parts.push(block.code);
    }
    // A module, so top-level await works and one block's names never leak into another's.
    return { file, text: `${parts.join('\n')}\nexport {};\n`, origin };
  });
}

const src = (pkg: string, entry = 'index') => [join(root, 'packages', pkg, 'src', `${entry}.ts`)];

function typecheck(files: readonly Unit[]): string[] {
  const base = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.base.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (base === undefined) throw new Error('cannot read tsconfig.base.json');
  const options: ts.CompilerOptions = {
    ...base.options,
    noEmit: true,
    declaration: false,
    baseUrl: root,
    // The workspace packages from source, as the tests import them (vitest.shared.ts).
    paths: {
      '@kf/types': src('types'),
      '@kf/types/errors': src('types', 'errors'),
      '@kf/crypto': src('crypto'),
      '@kf/client': src('client'),
      '@kf/client/node': src('client', 'node'),
      '@kf/mock': src('mock'),
      '@kf/mock/server': src('mock', 'server'),
      '@kf/redis': src('redis'),
    },
  };
  const virtual = new Map(files.map((unit) => [unit.file, unit.text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, onError, create) => {
    const text = virtual.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, language, onError, create)
      : ts.createSourceFile(name, text, language, true);
  };
  const env = join(root, 'scripts', 'readme-env.d.ts');
  const program = ts.createProgram({ rootNames: [env, ...virtual.keys()], options, host });
  const problems: string[] = [];
  for (const unit of files) {
    const file = program.getSourceFile(unit.file);
    if (file === undefined) throw new Error(`not in the program: ${unit.file}`);
    for (const d of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]) {
      const line = d.start === undefined ? 0 : file.getLineAndCharacterOfPosition(d.start).line;
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
      problems.push(`${unit.origin[line] ?? unit.file}: TS${d.code} ${text}`);
    }
  }
  return problems;
}

describe('README code blocks', () => {
  const all = units();

  it('finds the blocks of every package README', () => {
    const seen = new Set(all.flatMap((unit) => unit.origin.map((o) => o.split(':')[0])));
    for (const pkg of ['types', 'crypto', 'client', 'mock'])
      expect(seen).toContain(`packages/${pkg}/README.md`);
  });

  // A whole tsc program over the workspace sources: about 20 s alone, minutes on a busy 2-core machine.
  it('typecheck against the workspace sources', { timeout: 240_000 }, () => {
    expect(typecheck(all)).toEqual([]);
  });
});
