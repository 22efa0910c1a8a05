/**
 * `ANTHROPIC_CUSTOM_HEADERS` is one string of `Name: Value` lines separated by "\n"; Claude Code
 * sends each line as its own header (../shared/docs/claude-code-gateway.md). Build it from a
 * typed map so a bad name or an injected newline is an error here, not a broken request later.
 */

/** RFC 9110 token characters: what an HTTP header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export class HeaderError extends Error {}

export function headerNameProblem(name: string): string | undefined {
  if (!HEADER_NAME.test(name)) {
    return `header name ${JSON.stringify(name)} is not an HTTP token (letters, digits and !#$%&'*+.^_\`|~- only, no spaces or colons)`;
  }
  return undefined;
}

export function headerValueProblem(name: string, value: string): string | undefined {
  if (/[\r\n]/.test(value)) return `header ${name}: the value contains a line break, which would split it into two headers`;
  if (value.trim() !== value) return `header ${name}: the value has leading or trailing spaces, which HTTP drops`;
  return undefined;
}

/** Serialise a header map, rejecting names and values that cannot survive the trip. */
export function formatCustomHeaders(headers: Readonly<Record<string, string>>): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerNameProblem(name) ?? headerValueProblem(name, value);
    if (problem) throw new HeaderError(`ANTHROPIC_CUSTOM_HEADERS: ${problem}.`);
    lines.push(`${name}: ${value}`);
  }
  return lines.join("\n");
}

export interface ParsedHeader {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

/** Parse the string back (for the doctor); lines that are not `Name: Value` come back as problems. */
export function parseCustomHeaders(text: string): { headers: ParsedHeader[]; problems: string[] } {
  const headers: ParsedHeader[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") return;
    const colon = line.indexOf(":");
    if (colon <= 0) {
      problems.push(`line ${index + 1} ${JSON.stringify(line)} is not "Name: Value"`);
      return;
    }
    const name = line.slice(0, colon).trim();
    const nameProblem = headerNameProblem(name);
    if (nameProblem) problems.push(`line ${index + 1}: ${nameProblem}`);
    headers.push({ name, value: line.slice(colon + 1).trim(), line: index + 1 });
  });
  return { headers, problems };
}
