/**
 * The usage report as one self-contained HTML page (no script, no external resource): a bar
 * chart of each team's budgets against their limits, and one of a team's developers against a
 * per-developer budget. Every text from the API is escaped.
 */
import type { Budget, UsageReport } from "./collect";
import { amount } from "./table";

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

interface Bar {
  readonly label: string;
  readonly value: number;
  readonly limit: number | null;
  readonly caption: string;
  readonly exhausted: boolean;
}

const ROW = 28;
const LABEL = 220;
const WIDTH = 640;

/** Horizontal bars, each filled to its share of its own limit (capped at the width). */
function chart(title: string, bars: readonly Bar[]): string {
  const height = bars.length * ROW + 10;
  const rows = bars.map((bar, index) => {
    const y = index * ROW + 5;
    const full = WIDTH - LABEL - 10;
    const fraction = bar.limit && bar.limit > 0 ? Math.min(1, bar.value / bar.limit) : 0;
    const fill = bar.exhausted ? "#c0392b" : fraction >= 0.8 ? "#e67e22" : "#2e86c1";
    return `<g class="bar" data-label="${escapeHtml(bar.label)}"><text x="0" y="${y + 16}" font-size="13">${escapeHtml(bar.label)}</text><rect x="${LABEL}" y="${y}" width="${full}" height="20" fill="#eee"/><rect x="${LABEL}" y="${y}" width="${Math.round(full * fraction)}" height="20" fill="${fill}"/><text x="${LABEL + 6}" y="${y + 15}" font-size="12">${escapeHtml(bar.caption)}</text></g>`;
  });
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${rows.join("")}</svg></figure>`;
}

/** A team-wide budget's use: the sum of its counters (one counter per group value). */
const used = (budget: Budget): number => budget.counters.reduce((sum, counter) => sum + counter.usage, 0);

export function usageHtml(report: UsageReport): string {
  const teamBars: Bar[] = [];
  const sections: string[] = [];
  for (const team of report.teams) {
    const name = team.workspace.name;
    for (const budget of team.budgets.filter((b) => !b.perDeveloper && b.source === "policy")) {
      const value = used(budget);
      teamBars.push({ label: `${name}: ${budget.name}`, value, limit: budget.limit, caption: `${amount(budget.type, value)} of ${amount(budget.type, budget.limit)}`, exhausted: budget.counters.some((c) => c.status === "exhausted") });
    }
    const developerCharts = team.budgets
      .filter((b) => b.perDeveloper)
      .map((budget) =>
        chart(
          `${name}: ${budget.name} (${amount(budget.type, budget.limit)} per developer${budget.periodicReset ? `, resets ${budget.periodicReset}` : ""})`,
          budget.counters.map((c) => ({ label: c.developer ?? c.key, value: c.usage, limit: budget.limit, caption: `${amount(budget.type, c.usage)}${c.status === "exhausted" ? " — exhausted" : ""}`, exhausted: c.status === "exhausted" })),
        ),
      );
    const rates = team.rateLimits.map((r) => `<li>${escapeHtml(r.name)}: ${r.value ?? "?"} ${escapeHtml(r.type)} per ${escapeHtml(r.unit)}, per ${escapeHtml(r.groupBy.join(", ") || "team")}</li>`).join("");
    const keys = team.keys.map((k) => `<li>${escapeHtml(k.name)}: <span class="status-${escapeHtml(k.status)}">${escapeHtml(k.status)}</span></li>`).join("");
    sections.push(
      `<section class="team" data-team="${escapeHtml(name)}"><h2>${escapeHtml(name)}</h2>${developerCharts.join("") || "<p>No per-developer budget.</p>"}<h3>Rate limits</h3><ul>${rates || "<li>none</li>"}</ul><h3>Keys</h3><ul>${keys || "<li>none</li>"}</ul></section>`,
    );
  }
  const overview = teamBars.length > 0 ? chart("Teams against their budgets", teamBars) : "<p>No team-wide budget policy.</p>";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claude Code usage</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.4em}.status-exhausted{color:#c0392b;font-weight:600}</style>
</head><body>
<h1>Claude Code usage</h1>
<p>Generated ${escapeHtml(report.generatedAt)} from Portkey's Admin API. ${report.notes.map(escapeHtml).join(" ")}</p>
${overview}
${sections.join("\n")}
</body></html>
`;
}
