/**
 * docs/benchmarks.md: a header, one `## ` section per benchmark, then hand-written notes below a
 * marker that the runner never touches. A full run rewrites every section; a subset run
 * (BENCH_ONLY) replaces only its own sections, in place, and keeps the others with the line saying
 * which command measured them and when.
 */

/** Everything from this line on in docs/benchmarks.md is hand-written analysis the runner keeps. */
export const KEEP_MARKER = "<!-- hand-written notes below: kept by the benchmark runner -->";

export interface NewSection {
  /** The runner's name for the benchmark (BENCH_ONLY), e.g. "synthesis". */
  readonly name: string;
  /** Its `## ` heading, without the hashes. */
  readonly title: string;
  /** The section's markdown, starting with its `## ` heading. */
  readonly markdown: string;
}

const PROVENANCE = /^_Measured by `.*` on \d{4}-\d{2}-\d{2}.*_$/;
/** The header line of files written before sections carried their own provenance. */
const OLD_PRODUCED_BY = /^Produced by (`.*`) on (\d{4}-\d{2}-\d{2})(?: \(([^)]*)\))?\./m;

export const provenanceLine = (command: string, date: string, minutes: string): string => `_Measured by \`${command}\` on ${date} (run of ${minutes} min)._`;

interface Section {
  readonly title: string;
  readonly text: string;
}

function splitSections(body: string): { preamble: string; sections: Section[] } {
  const parts = body.split(/^(?=## )/m);
  const preamble = parts[0].startsWith("## ") ? "" : parts.shift() ?? "";
  return { preamble, sections: parts.map((text) => ({ title: text.slice(3, text.indexOf("\n") < 0 ? undefined : text.indexOf("\n")).trim(), text })) };
}

/** Give a kept section the provenance of the file it came from, when it has none of its own. */
function withProvenance(section: Section, fallback: string | undefined): string {
  const lines = section.text.split("\n");
  if (fallback === undefined || lines.some((line) => PROVENANCE.test(line))) return section.text;
  return [lines[0], "", fallback, ...lines.slice(1)].join("\n");
}

/**
 * The new file: `header`, then the sections (all of `fresh` on a full run; on a subset run the
 * existing ones with `fresh` replacing same-titled ones, or a stale "<name> (failed)", in place,
 * and new ones appended), then the kept notes from `existing`.
 */
export function mergeBenchmarksDoc(existing: string, header: readonly string[], fresh: readonly NewSection[], subset: boolean): string {
  const at = existing.indexOf(KEEP_MARKER);
  const notes = at >= 0 ? existing.slice(at) : `${KEEP_MARKER}\n`;
  const body = at >= 0 ? existing.slice(0, at) : existing;
  const ensureBreak = (text: string) => `${text.replace(/\s+$/, "")}\n`;
  if (!subset) return [...header, ...fresh.map((s) => ensureBreak(s.markdown)), notes].join("\n");

  const { preamble, sections } = splitSections(body);
  const old = OLD_PRODUCED_BY.exec(preamble);
  const fallback = old ? `_Measured by ${old[1]} on ${old[2]}${old[3] ? ` (run of ${old[3]})` : ""}._` : undefined;
  const pending = [...fresh];
  const out: string[] = [];
  for (const section of sections) {
    const match = pending.findIndex((s) => s.title === section.title || `${s.name} (failed)` === section.title);
    if (match >= 0) {
      out.push(ensureBreak(pending[match].markdown));
      pending.splice(match, 1);
    } else {
      out.push(ensureBreak(withProvenance(section, fallback)));
    }
  }
  out.push(...pending.map((s) => ensureBreak(s.markdown)));
  return [...header, ...out, notes].join("\n");
}
