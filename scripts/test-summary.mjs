// Totals vitest JSON reports into the one line CI reads: "N passed, N failed".
// A report that is missing (its run crashed before writing it) counts as a failure.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let missing = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`missing test report: ${file}`);
    missing++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load has no tests in it; count it so it cannot pass unnoticed.
  failed += (report.testResults ?? []).filter(
    (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
  ).length;
}
console.log(`${passed} passed, ${failed + missing} failed`);
process.exit(failed + missing === 0 && passed > 0 ? 0 : 1);
