/**
 * What JSON.parse hides in a teams file that is valid JSON: a key given twice in one object (the
 * last silently wins), a `__proto__` key (JavaScript reads it as the object's prototype and drops
 * it, with its value), and control characters inside strings (a line break or tab pasted into a
 * name, a URL or a metadata value, which end up in headers, settings files and Portkey's
 * dashboard). Found by walking the text, so each is reported with its JSON path and line:column.
 * Only called on text JSON.parse accepted.
 */
import { lineAndColumn } from "./json-syntax";
import type { JsonPath, TeamsFileProblem } from "./problems";

export type HazardKind = "duplicate-key" | "prototype-key" | "control-character" | "too-deep";

/** Far beyond any real teams file (about 6 levels); deeper nesting would exhaust the stack of any recursive reader. */
export const MAX_DEPTH = 64;

class TooDeep extends Error {}

export interface JsonHazard extends TeamsFileProblem {
  readonly kind: HazardKind;
}

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
const ESCAPES: Record<number, string> = { 9: "\\t", 10: "\\n", 13: "\\r" };

function controlCharacter(value: string): { code: number; index: number } | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return { code, index };
  }
  return undefined;
}

export function findJsonHazards(text: string): JsonHazard[] {
  const hazards: JsonHazard[] = [];
  const where = (offset: number) => lineAndColumn(text, offset);
  let at = 0;

  const skipSpace = () => {
    while (at < text.length && " \t\n\r".includes(text[at])) at++;
  };
  const readString = (): { value: string; start: number } => {
    const start = at;
    at++;
    while (text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    at++;
    return { value: JSON.parse(text.slice(start, at)) as string, start };
  };
  const checkString = (value: string, path: JsonPath, start: number, what: string) => {
    const found = controlCharacter(value);
    if (!found) return;
    const name = found.code === 10 || found.code === 13 ? "a line break" : found.code === 9 ? "a tab" : "a control character";
    const written = ESCAPES[found.code] ?? `\\u${found.code.toString(16).padStart(4, "0")}`;
    hazards.push({
      kind: "control-character",
      path,
      at: where(start),
      message: `${what} contains ${name} (${codePoint(found.code)}, written ${written} in the file) at character ${found.index + 1}: every value in this file is one line, and it would reach headers, settings files or Portkey's dashboard as it is.`,
      fix: "remove it (it was probably pasted along with the value).",
    });
  };

  const value = (path: JsonPath): void => {
    skipSpace();
    const c = text[at];
    if ((c === "{" || c === "[") && path.length >= MAX_DEPTH) {
      hazards.push({
        kind: "too-deep",
        path: path.slice(0, 3),
        at: where(at),
        message: `the file nests objects and arrays more than ${MAX_DEPTH} levels deep; a teams file needs about 6, so nothing in it is read.`,
        fix: "check for a runaway [ or { (or a file that is not a teams file).",
      });
      throw new TooDeep();
    }
    if (c === "{") object(path);
    else if (c === "[") array(path);
    else if (c === '"') {
      const { value: s, start } = readString();
      checkString(s, path, start, "this value");
    } else {
      while (at < text.length && !",]} \t\n\r".includes(text[at])) at++;
    }
  };

  const object = (path: JsonPath) => {
    at++;
    skipSpace();
    if (text[at] === "}") {
      at++;
      return;
    }
    const seen = new Map<string, number>();
    for (;;) {
      skipSpace();
      const { value: key, start } = readString();
      const keyPath = [...path, key];
      const first = seen.get(key);
      if (first === undefined) seen.set(key, start);
      else {
        const a = where(first);
        const b = where(start);
        hazards.push({
          kind: "duplicate-key",
          path: keyPath,
          at: b,
          message: `${JSON.stringify(key)} is given twice in this object (line ${a.line}, column ${a.column} and line ${b.line}, column ${b.column}); JSON keeps only the last, so the first value would be silently ignored.`,
          fix: "keep one of the two (merge their contents if both matter).",
        });
      }
      if (key === "__proto__") {
        hazards.push({
          kind: "prototype-key",
          path: keyPath,
          at: where(start),
          message: '"__proto__" cannot be a key: JavaScript reads it as the object\'s prototype, so it and its value would be silently dropped.',
          fix: 'rename it (e.g. "proto") or remove it.',
        });
      }
      checkString(key, keyPath, start, "this key");
      skipSpace();
      at++; // ":"
      value(keyPath);
      skipSpace();
      if (text[at++] === ",") continue;
      return; // "}"
    }
  };

  const array = (path: JsonPath) => {
    at++;
    skipSpace();
    if (text[at] === "]") {
      at++;
      return;
    }
    for (let index = 0; ; index++) {
      value([...path, index]);
      skipSpace();
      if (text[at++] === ",") continue;
      return; // "]"
    }
  };

  try {
    value([]);
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
  }
  return hazards;
}
