// Prints one of the set-up commands of the root README, exactly as printed there: `.ci/run` runs them as a
// newcomer would, so CI is green only if the README is true. Usage: node scripts/readme-command.mjs <n> (1-based).
import { readFileSync } from 'node:fs';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const setUp = readme.split(/^## /m).find((section) => section.startsWith('Set up'));
if (!setUp) throw new Error('README.md has no "## Set up" section');
const commands = [...setUp.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1].trim());
const n = Number(process.argv[2]);
const command = commands[n - 1];
if (!command) throw new Error(`README.md's "Set up" section has no command ${n} (it has ${commands.length})`);
console.log(command);
