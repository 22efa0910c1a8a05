/** The usage report as terminal lines: per team, each budget with its counters, rate limits, keys. */
import type { Budget, UsageReport } from "./collect";

export const amount = (type: string, value: number | null): string =>
  value === null ? "no limit" : type === "cost" ? `$${value.toFixed(2)}` : `${Math.round(value).toLocaleString("en-US")} tokens`;

const share = (usage: number, limit: number | null): string => (limit === null || limit <= 0 ? "" : ` (${Math.round((usage / limit) * 100)}%)`);

function resets(budget: Budget): string {
  if (!budget.periodicReset) return "never resets";
  return `resets ${budget.periodicReset}${budget.nextResetAt ? `, next ${budget.nextResetAt.slice(0, 10)}` : ""}`;
}

/** Terminal text is printed, so a name from the API cannot carry control characters to it. */
export const printable = (text: string): string =>
  Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? "?" : char;
  }).join("");

export function usageTable(report: UsageReport): string {
  const lines: string[] = [];
  if (report.teams.length === 0) lines.push("No workspaces: nothing to report.");
  for (const team of report.teams) {
    lines.push(`team ${printable(team.workspace.name)} (${printable(team.workspace.slug ?? team.workspace.id)})`);
    if (team.budgets.length === 0) lines.push("  no budget");
    for (const budget of team.budgets) {
      const scope = budget.perDeveloper ? "per developer" : budget.groupBy.length > 0 ? `per ${budget.groupBy.join(", ")}` : "whole team";
      lines.push(`  budget ${JSON.stringify(printable(budget.name))}: ${budget.type}, ${scope}, limit ${amount(budget.type, budget.limit)}${budget.perDeveloper ? " each" : ""}, ${resets(budget)}`);
      if (budget.source === "integration-access") lines.push(`    ${budget.exhausted ? "EXHAUSTED (the team's requests are refused until the reset)" : "not exhausted"}`);
      if (budget.source === "policy" && budget.counters.length === 0) lines.push("    no usage yet");
      const width = Math.max(0, ...budget.counters.map((c) => printable(c.developer ?? c.key).length));
      for (const counter of budget.counters) {
        const who = printable(counter.developer ?? counter.key).padEnd(width);
        const flag = counter.status === "exhausted" ? "  EXHAUSTED (requests refused until the reset)" : "";
        lines.push(`    ${who}  ${amount(budget.type, counter.usage)} of ${amount(budget.type, budget.limit)}${share(counter.usage, budget.limit)}${flag}`);
      }
    }
    for (const rate of team.rateLimits) {
      lines.push(`  rate limit ${JSON.stringify(printable(rate.name))}: ${rate.value ?? "?"} ${rate.type} per ${rate.unit === "rpm" ? "minute" : rate.unit === "rph" ? "hour" : rate.unit === "rpd" ? "day" : rate.unit}, per ${rate.groupBy.join(", ") || "team"}`);
    }
    for (const key of team.keys) {
      lines.push(`  key ${JSON.stringify(printable(key.name))}: ${key.status}${key.limit !== null ? `, own limit ${amount(key.limitType ?? "cost", key.limit)}` : ""}`);
    }
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  return `${lines.join("\n")}\n`;
}
