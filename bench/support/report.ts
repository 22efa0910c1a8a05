/** What each benchmark hands back, how the runner prints it and how docs/benchmarks.md shows it. */

export interface Figure {
  /** What is compared, e.g. "apply, 50 teams: provider vs terraform_data". */
  readonly name: string;
  readonly ratio: number;
  /** Upper bound the ratio should stay at or under; none for figures reported for context. */
  readonly target?: number;
  /** The measured medians and spread behind the ratio. */
  readonly detail: string;
}

export interface BenchResult {
  readonly title: string;
  readonly figures: readonly Figure[];
  /** Markdown (tables, observations) shown under the figures. */
  readonly notes: readonly string[];
  /** Pass/fail facts that are not ratios (converged, zero duplicates...). */
  readonly checks?: ReadonlyArray<{ readonly name: string; readonly ok: boolean; readonly detail: string }>;
}

export const verdict = (f: Figure): string => (f.target === undefined ? "(context)" : f.ratio <= f.target ? "OK" : "ABOVE TARGET");

export const formatRatio = (ratio: number): string => `${ratio.toFixed(2)}×`;

export function printResult(result: BenchResult): void {
  console.log(`\n== ${result.title}`);
  for (const f of result.figures) {
    const target = f.target === undefined ? "" : ` (target ≤ ${f.target}×)`;
    console.log(`  ${f.name}: ${formatRatio(f.ratio)}${target} ${verdict(f)}\n      ${f.detail}`);
  }
  for (const c of result.checks ?? []) console.log(`  ${c.ok ? "OK  " : "FAIL"} ${c.name}: ${c.detail}`);
  for (const note of result.notes) console.log(note.replace(/^/gm, "  "));
}

/** `provenance`: a line under the heading saying which command measured it and when. */
export function markdownSection(result: BenchResult, provenance?: string): string {
  const lines = [`## ${result.title}`, "", ...(provenance ? [provenance, ""] : [])];
  if (result.figures.length > 0) {
    lines.push("| Figure | Ratio | Target | Verdict | Measured |", "|---|---|---|---|---|");
    for (const f of result.figures) {
      lines.push(`| ${f.name} | ${formatRatio(f.ratio)} | ${f.target === undefined ? "–" : `≤ ${f.target}×`} | ${verdict(f)} | ${f.detail.replace(/\|/g, "/")} |`);
    }
    lines.push("");
  }
  if (result.checks && result.checks.length > 0) {
    lines.push("| Check | Result | Detail |", "|---|---|---|");
    for (const c of result.checks) lines.push(`| ${c.name} | ${c.ok ? "OK" : "FAIL"} | ${c.detail.replace(/\|/g, "/")} |`);
    lines.push("");
  }
  lines.push(...result.notes, "");
  return lines.join("\n");
}
