/**
 * zod issues → teams-file problems. Messages the schema writes itself already carry their fix;
 * this error map gives zod's generic ones (missing field, wrong type, unknown field) a fix too,
 * and turns an unknown field into "did you mean" the closest allowed one.
 */
import { z } from "zod";
import { closest } from "./did-you-mean";
import { type JsonPath, splitFix, type TeamsFileProblem, withFix } from "./problems";

interface UnknownKey {
  readonly path: JsonPath;
  readonly key: string;
  readonly suggestion?: string;
  readonly allowed: readonly string[];
}

const typeName = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`);
const article = (expected: string) => (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
const example: Record<string, string> = { object: "{ … }", array: "[ … ]", string: '"…"', boolean: "true or false", number: "a number" };

function pathOf(issue: { path?: PropertyKey[] }): JsonPath {
  return (issue.path ?? []).map((segment) => (typeof segment === "number" ? segment : String(segment)));
}

/** Parse `input`; on failure, every issue as a problem (with a fix). */
export function parseWithProblems<S extends z.ZodType>(schema: S, input: unknown): { data?: z.output<S>; problems: TeamsFileProblem[] } {
  const unknownKeys: UnknownKey[] = [];
  const result = schema.safeParse(input, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") {
        const allowed = issue.inst instanceof z.ZodObject ? Object.keys(issue.inst.shape) : [];
        for (const key of issue.keys) unknownKeys.push({ path: pathOf(issue), key, suggestion: closest(key, allowed), allowed });
        return withFix(`unknown field(s) ${issue.keys.join(", ")}`, `allowed here: ${allowed.join(", ")}.`);
      }
      // A record key that fails its own rule: zod wraps that rule's message in "Invalid key in record".
      if (issue.code === "invalid_key") return issue.issues[0]?.message;
      if (issue.code === "invalid_type") {
        const field = pathOf(issue).at(-1);
        const expected = String(issue.expected);
        if (issue.input === undefined) return withFix(`${typeof field === "string" ? `"${field}"` : "this value"} is missing`, `add it: ${article(expected)} (${example[expected] ?? expected}).`);
        return withFix(`must be ${article(expected)}, got ${typeName(issue.input)}`, `write ${example[expected] ?? article(expected)} here.`);
      }
      return undefined;
    },
  });
  if (result.success) return { data: result.data, problems: [] };

  const problems: TeamsFileProblem[] = [];
  for (const issue of result.error.issues) {
    const path = pathOf(issue);
    if (issue.code === "unrecognized_keys") continue; // one problem per key, below
    const field = path.at(-1);
    const explainedByTypo = issue.code === "invalid_type" && issue.input === undefined && unknownKeys.some((u) => u.suggestion === field && sameParent(u.path, path));
    if (explainedByTypo) continue;
    problems.push({ path, ...splitFix(issue.message) });
  }
  for (const { path, key, suggestion, allowed } of unknownKeys) {
    problems.push(
      suggestion
        ? { path: [...path, key], message: `unknown field "${key}" (did you mean "${suggestion}"?).`, fix: `rename it to "${suggestion}".` }
        : { path: [...path, key], message: `unknown field "${key}".`, fix: `remove it; the fields allowed here are ${allowed.join(", ")}.` },
    );
  }
  return { problems };
}

function sameParent(parent: JsonPath, child: JsonPath): boolean {
  return child.length === parent.length + 1 && parent.every((segment, i) => segment === child[i]);
}
