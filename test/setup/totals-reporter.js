/**
 * Prints the run's totals as one plain closing line, `jest: N passed, N failed, N skipped`,
 * after everything else jest prints, for tools that read a test run's last line.
 */
export default class TotalsReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results
    const line = `jest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`
    process.once('exit', () => process.stderr.write(line))
  }
}
