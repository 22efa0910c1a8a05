/**
 * Can this key travel in an HTTP header (`x-portkey-api-key`)? Checked before anything is sent:
 * undici refuses a header value with a line break or a control character (UND_ERR_INVALID_ARG,
 * after which nothing tells whether the request left), and sends anything beyond ASCII as raw
 * bytes Portkey answers 401 for. Portkey's keys are printable ASCII without spaces, so a key with
 * anything else was damaged on its way here: pasted from a file with Windows line endings, a
 * document with curly quotes, a .env file that kept its quotes.
 *
 * The problem names the class of character and where it sits, never the key or any of its
 * characters (a non-ASCII or control character is named by its code point: it is no part of a
 * Portkey key).
 */

export interface CredentialProblem {
  /** e.g. `ends with a line break (CR, U+000D)`; to follow the name of the source. */
  readonly what: string;
  /** A fix without the source's name; the caller adds how to set it. */
  readonly fix: string;
  /** Why it is refused before sending: undici cannot send it, or Portkey would answer 401. */
  readonly why: string;
}

const UNSENDABLE = "which cannot be sent in an HTTP header";
const REFUSED = "which Portkey would refuse with 401";

const codePoint = (char: string) => `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;

function position(key: string, index: number, charLength: number): string {
  if (index + charLength >= key.length || key.slice(index).trim() === "") return "ends with";
  if (index === 0 || key.slice(0, index + charLength).trim() === "") return "starts with";
  return "contains";
}

function describe(char: string, rest: string): { kind: string; fix: string } {
  if (char === "\r" || char === "\n") {
    const windows = rest.startsWith("\r\n");
    return {
      kind: `a line break (${windows ? "CR LF, a Windows line end" : `${char === "\r" ? "CR" : "LF"}, ${codePoint(char)}`})`,
      fix: windows
        ? "it was probably pasted from a file with Windows (CRLF) line endings: remove every line break"
        : "it was probably read from a file along with its line break: remove every line break",
    };
  }
  if (char === "\t") return { kind: `a tab (${codePoint(char)})`, fix: "remove it: a Portkey key has no whitespace" };
  if (char === " " || /\s/u.test(char)) return { kind: `a space (${codePoint(char)})`, fix: "remove the spaces: a Portkey key has none" };
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return { kind: `a control character (${codePoint(char)})`, fix: "remove it: a Portkey key is printable ASCII" };
  return {
    kind: `a non-ASCII character (${codePoint(char)})`,
    fix: "a Portkey key is plain ASCII: this is typically a curly quote, a non-breaking space or a look-alike letter from a document or chat; copy the key again from Portkey (Admin settings → API keys)",
  };
}

/** Why `key` cannot be sent as a Portkey key, or undefined when it can. */
export function credentialProblem(key: string): CredentialProblem | undefined {
  if (key.trim() === "") return { what: key === "" ? "is empty" : "holds only spaces or line breaks", why: REFUSED, fix: "set it to the Admin API key (Portkey: Admin settings → API keys)" };
  for (let index = 0; index < key.length; ) {
    const char = String.fromCodePoint(key.codePointAt(index) ?? 0);
    if (!/^[\x21-\x7e]$/.test(char)) {
      const { kind, fix } = describe(char, key.slice(index));
      // undici's own rule for header values; what passes it (a space, Latin-1) reaches Portkey as a key it does not know.
      return { what: `${position(key, index, char.length)} ${kind}`, why: /[^\t\x20-\x7e\x80-\xff]/.test(char) ? UNSENDABLE : REFUSED, fix };
    }
    index += char.length;
  }
  if (/^(["'`]).*\1$/s.test(key)) return { what: "is wrapped in quotes", why: REFUSED, fix: "remove the quotes around the key (a .env or YAML file may have kept them)" };
  return undefined;
}
