/**
 * One problem in a teams file: where (the JSON path inside it), what is wrong, and the fix.
 * Every schema message is written as `withFix(what, fix)` so the two halves can be told apart.
 */

export type JsonPath = readonly (string | number)[];

export interface TeamsFileProblem {
  /** Path inside the file, e.g. ["teams", 2, "budget", "limit"]; empty for the whole file. */
  readonly path: JsonPath;
  readonly message: string;
  readonly fix: string;
  /** Line and column (1-based) when the problem is in the text itself, e.g. invalid JSON. */
  readonly at?: { readonly line: number; readonly column: number };
}

const FIX = " Fix: ";

/** A schema message carrying its fix; `splitFix` takes it apart again. */
export function withFix(what: string, fix: string): string {
  return `${what}${FIX}${fix}`;
}

export function splitFix(message: string): { message: string; fix: string } {
  const sentence = (text: string) => (text.endsWith(".") ? text : `${text}.`);
  const at = message.indexOf(FIX);
  if (at < 0) return { message: sentence(message), fix: "see the field's description in stacks/config/teams.schema.json." };
  return { message: sentence(message.slice(0, at)), fix: message.slice(at + FIX.length) };
}

/** `teams[2].budget.limit`, `teams[0].metadata["cost center"]`; `(root)` for the whole file. */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || "(root)";
}

export function formatProblem(file: string, problem: TeamsFileProblem): string {
  if (problem.at && problem.path.length > 0) return `${file}:${problem.at.line}:${problem.at.column}: ${formatPath(problem.path)}: ${problem.message} Fix: ${problem.fix}`;
  if (problem.at) return `${file}:${problem.at.line}:${problem.at.column}: ${problem.message} Fix: ${problem.fix}`;
  return `${file}: ${formatPath(problem.path)}: ${problem.message} Fix: ${problem.fix}`;
}

/** The one error a bad teams file produces: every problem, each on its own line. */
export class TeamsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly TeamsFileProblem[],
  ) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`${file} has ${count}; nothing is deployed until it validates:\n${problems.map((p) => `  ${formatProblem(file, p)}`).join("\n")}`);
    this.name = "TeamsFileError";
  }
}
