/**
 * What a Portkey URL must be, for every place that takes one (the provider's `base_url` and
 * PORTKEY_BASE_URL, the teams file's `base_url` and `gateway_url`). Each rule exists because the
 * mistake it catches costs something: plain http sends the admin key in clear, `user:password@`
 * is copied into every developer's settings and into logs, a URL pasted with a line break is
 * silently "repaired" by the URL parser while the raw string travels on, and the Admin API lives
 * under /v1 (without it every call is a bare 404).
 *
 * A problem is `{ what, fix }` without the name of the field, so each caller says where the value
 * came from. `what` shows the URL with any credentials masked: a password is never echoed.
 */

export interface UrlProblem {
  readonly what: string;
  readonly fix: string;
}

export const ADMIN_API_EXAMPLE = "https://api.portkey.ai/v1";

/** The URL as quoted in messages: JSON-quoted, anything between `//` and `@` masked. */
export function shownUrl(raw: string): string {
  return JSON.stringify(raw.replace(/\/\/[^/?#]*@/, "//***@"));
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http may reach (the local emulator). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Whitespace (Unicode's too), C0 and C1 control characters, zero-width space, byte-order mark. */
function isInvisible(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x200b || code === 0xfeff || /\s/u.test(char);
}

function invisibleCharacter(raw: string): UrlProblem | undefined {
  const chars = [...raw];
  const index = chars.findIndex(isInvisible);
  if (index === -1) return undefined;
  const char = chars[index];
  const kind = char === "\n" || char === "\r" ? "a line break" : char === "\t" ? "a tab" : /\s/u.test(char) ? "a space" : "an invisible control character";
  const where = index === 0 ? "at the start" : index === chars.length - 1 ? "at the end" : "inside it";
  const code = `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;
  return {
    what: `${shownUrl(raw)} contains ${kind} (${code}) ${where}`,
    fix: "remove it: a URL has no spaces or line breaks (it was probably pasted with them, or read from a file with Windows line endings).",
  };
}

/** Problems of `raw` as an http(s) base URL; `example` is what the fixes suggest. */
export function urlProblem(raw: string, example: string): UrlProblem | undefined {
  if (raw === "") return { what: "the URL is empty", fix: `write the full URL, e.g. ${JSON.stringify(example)}.` };
  const invisible = invisibleCharacter(raw);
  if (invisible) return invisible;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { what: `${shownUrl(raw)} is not a URL`, fix: `write the full URL, e.g. ${JSON.stringify(example)}.` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { what: `${shownUrl(raw)} is not an http(s) URL`, fix: `use e.g. ${JSON.stringify(example)}.` };
  if (url.username !== "" || url.password !== "") {
    return {
      what: `${shownUrl(raw)} carries a user name or password ("user:password@")`,
      fix: "remove it: Portkey takes its keys in headers, never in the URL, and a URL is copied into settings files, logs and error messages.",
    };
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return {
      what: `${shownUrl(raw)} uses plain http, which would send Portkey keys unencrypted`,
      fix: "use https (plain http is accepted only for 127.0.0.1/localhost, e.g. the local emulator; reach anything else through an SSH tunnel or port-forward to 127.0.0.1).",
    };
  }
  if (url.search || url.hash) return { what: `${shownUrl(raw)} has a query or fragment`, fix: "remove everything after the path." };
  return undefined;
}

export const endsInV1 = (raw: string): boolean => /\/v1\/*$/.test(raw);

/** Problems of `raw` as Portkey's Admin API base URL: a URL as above, whose path ends in /v1. */
export function adminUrlProblem(raw: string): UrlProblem | undefined {
  const problem = urlProblem(raw, ADMIN_API_EXAMPLE);
  if (problem) return problem;
  if (!endsInV1(raw)) {
    return {
      what: `${shownUrl(raw)} is not the Admin API: its paths live under /v1 (without it every call answers 404)`,
      fix: `use ${JSON.stringify(`${raw.replace(/\/+$/, "")}/v1`)} (Portkey's own: ${JSON.stringify(ADMIN_API_EXAMPLE)}).`,
    };
  }
  return undefined;
}
