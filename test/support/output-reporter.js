/**
 * Jest reporter: writes each test file's captured console output and failure messages to
 * `<run root>/jest-output/`, so the global teardown's secret scan covers what the tests printed
 * (and what a failing assertion would print). Plain JavaScript: jest loads reporters untransformed.
 * Console output jest does not buffer (one test file, run in band) goes straight to the terminal
 * and is not captured.
 */
const { mkdirSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");

class OutputReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onTestResult(_test, result) {
    const root = process.env.CVP_TEST_RUN_ROOT;
    if (!root) return;
    const parts = [];
    for (const entry of result.console ?? []) parts.push(`[console.${entry.type}] ${entry.message}\n  at ${entry.origin}`);
    if (result.failureMessage) parts.push(`[failure]\n${result.failureMessage}`);
    if (result.testExecError) parts.push(`[exec error]\n${result.testExecError.message}\n${result.testExecError.stack ?? ""}`);
    for (const assertion of result.testResults) {
      for (const message of assertion.failureMessages) parts.push(`[failed: ${assertion.fullName}]\n${message}`);
    }
    if (parts.length === 0) return;
    const dir = join(root, "jest-output");
    mkdirSync(dir, { recursive: true });
    const name = relative(this.rootDir, result.testFilePath).replace(/[\\/]/g, "__");
    writeFileSync(join(dir, `${name}.txt`), `${parts.join("\n\n")}\n`);
  }
}

module.exports = OutputReporter;
