/**
 * Where and why a text is not JSON. JSON.parse's messages differ between Node versions and some
 * carry no position, so this small scanner finds the first error itself and names the usual
 * mistakes (trailing commas, comments, single quotes, unquoted names) with their fix.
 * Only called once JSON.parse has failed.
 */

export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
  readonly fix: string;
}

class Stop extends Error {
  constructor(readonly found: JsonSyntaxError) {
    super(found.message);
  }
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const fail = (message: string, fix: string, offset = at): never => {
    throw new Stop({ offset, message, fix });
  };
  const skipSpace = () => {
    while (at < text.length && " \t\n\r".includes(text[at])) at++;
  };
  const unexpected = (expected: string): never => {
    if (at >= text.length) return fail(`the file ends early, ${expected} expected`, "close every { and [ you opened.");
    const c = text[at];
    if (c === "/") return fail("comments are not allowed in JSON", 'remove the comment (notes can go in a "description" field).');
    if (c === "'") return fail("strings must use double quotes", `replace ' with ".`);
    return fail(`unexpected ${JSON.stringify(c)}, ${expected} expected`, `write ${expected} here.`);
  };

  const string = () => {
    if (text[at] !== '"') unexpected("a string");
    at++;
    while (at < text.length && text[at] !== '"') {
      if (text[at] === "\\") {
        if (!/^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(at + 1, at + 6))) fail("invalid escape in a string", "write \\\\ for a backslash.");
        at += text[at + 1] === "u" ? 6 : 2;
      } else if (text.charCodeAt(at) < 0x20) fail("a string cannot span lines or hold control characters", 'close the string with " on the same line, or write \\n.');
      else at++;
    }
    if (at >= text.length) fail("a string is never closed", 'add the closing ".');
    at++;
  };

  const value = (): void => {
    skipSpace();
    const c = text[at];
    if (c === "{") object();
    else if (c === "[") array();
    else if (c === '"') string();
    else literal();
  };

  const literal = () => {
    const match = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at));
    const end = at + (match?.[0].length ?? 0);
    if (match && !/^[\w.]/.test(text.slice(end, end + 1))) {
      at = end;
    } else unexpected("a value");
  };

  const items = (close: "}" | "]", item: () => void) => {
    at++;
    skipSpace();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      if (text[at] === close) {
        at++;
        return;
      }
      if (text[at] !== ",") {
        if (at < text.length && text[at] !== "/" && text[at] !== "'") fail(`expected "," or "${close}" after the value`, 'add a comma between the two items.');
        unexpected(`"," or "${close}"`);
      }
      const comma = at;
      at++;
      skipSpace();
      if (text[at] === close) fail("trailing comma: JSON allows no comma after the last item", "remove this comma.", comma);
    }
  };

  const object = () =>
    items("}", () => {
      skipSpace();
      if (/[A-Za-z_$]/.test(text[at] ?? "")) fail("property names must be in double quotes", "quote the name, e.g. \"name\": ….");
      string();
      skipSpace();
      if (text[at] !== ":") unexpected('":"');
      at++;
      value();
    });
  const array = () => items("]", value);

  try {
    if (text.trim() === "") fail("the file is empty", 'start from stacks/teams.example.json, or write at least {"gcp": {…}, "teams": […]}.', 0);
    value();
    skipSpace();
    if (at < text.length) fail("unexpected text after the end of the JSON document", "remove it (one file holds one object).");
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.found;
    throw error;
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
