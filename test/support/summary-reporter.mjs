// One line at the end of a browser run: "<Engine>: N passed, M failed", counting every test of
// every file, plus each file's errors outside tests (a failed hook, a file that did not load).

/** Adds up the tests of `suite` and its sub-suites into `counts`. */
function count(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) count(child, counts);
}

/** A web-test-runner reporter printing the summary line for `engine` when the run stops. */
export function summaryReporter(engine) {
  return {
    stop({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, counts);
        counts.failed += session.errors.length;
      }
      const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
      console.log(`${engine}: ${counts.passed} passed, ${counts.failed} failed${skipped}`);
    },
  };
}
