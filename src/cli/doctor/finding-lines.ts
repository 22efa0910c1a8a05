/** How a Finding reads in human output (both commands print them the same way). */
import type { Finding } from "../../constructs/settings/types";

const MARK = { error: "✗", warning: "!" } as const;

export function findingLines(finding: Finding): string {
  return `${MARK[finding.severity]} [${finding.rule}] ${finding.message}\n    fix: ${finding.fix}`;
}

export function countLine(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  return `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}
