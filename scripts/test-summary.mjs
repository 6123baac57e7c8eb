// Totals vitest JSON reports into the one line CI reads: "N passed, N failed".
// Arguments: REPORT.json[:EXIT_CODE] for each test run. A report that is missing (its run crashed before writing
// it) counts as a failure, and so does a run that exited non-zero with no failed test in its report (a type
// error in a source file, an unhandled error outside any test).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const arg of process.argv.slice(2)) {
  const [file, code] = arg.split(/:(?=\d+$)/);
  if (!existsSync(file)) {
    console.error(`missing test report: ${file}`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // A file that fails to load has no tests in it; count it so it cannot pass unnoticed.
  const unloaded = (report.testResults ?? []).filter(
    (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
  ).length;
  let runFailed = report.numFailedTests + unloaded;
  if (runFailed === 0 && (report.success === false || (code !== undefined && code !== '0'))) runFailed = 1;
  console.log(`${file}: ${report.numPassedTests} passed, ${runFailed} failed`);
  passed += report.numPassedTests;
  failed += runFailed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
