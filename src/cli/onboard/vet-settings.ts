/**
 * Vet a team's settings from an outputs file (often a CI artifact or a file passed around in
 * chat) before any of it reaches a settings file: only the keys the inferred settings mode
 * renders pass; every other key is refused with why, unless the user named it with
 * --accept-key; a gateway URL that would send the key in clear or to a hidden place is refused
 * whatever the flags.
 */
import { parseCustomHeaders } from "../../constructs/settings/custom-headers";
import type { ClaudeSettings } from "../../constructs/settings/types";
import { isLoopbackHost, shownUrl } from "../../portkey/url-rules";
import { dangersIn } from "../doctor/dangerous-content";
import { type InferredMode, inferMode, renderedShape } from "./rendered-shape";
import { valueRefusals } from "./value-rules";

export interface RefusedKey {
  /** Dotted path: `hooks`, `env.HTTPS_PROXY`, `env.ANTHROPIC_CUSTOM_HEADERS.x-portkey-custom-host`. */
  readonly key: string;
  readonly why: string;
  /** False for a bad gateway URL or an unsafe value: no flag takes it. */
  readonly acceptable: boolean;
  /** A value the renderer would never write (value-rules.ts), rather than a key or a URL. */
  readonly value?: boolean;
}

export interface Vetting {
  readonly mode: InferredMode;
  readonly refused: RefusedKey[];
  /** Extra keys taken because --accept-key named them. */
  readonly accepted: RefusedKey[];
  /** --accept-key names the input does not carry as an extra key (a typo, or nothing to accept). */
  readonly unusedAccepts: string[];
}

/** Why a top-level key the renderer never writes matters, beyond "unknown". */
const KNOWN_EXTRAS: Record<string, string> = {
  hooks: "runs shell commands when Claude Code uses tools or starts",
  permissions: "changes what Claude Code may do without asking",
  statusLine: "runs a shell command to draw the status line",
  apiKeyHelper: "runs a shell command each time Claude Code needs the key",
  forceLoginMethod: "locks the gateway's credential out",
};

const GATEWAY_URLS = ["ANTHROPIC_BASE_URL", "ANTHROPIC_VERTEX_BASE_URL"];

/** https, or plain http to this machine; no user:password@, no query or fragment. */
export function gatewayUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    return url.protocol === "http:" ? `is plain http to ${url.hostname}: the team's key would travel unencrypted (http only to 127.0.0.1, ::1 or localhost)` : `uses ${url.protocol}, not https:`;
  }
  if (url.username || url.password) return "carries user:password@, which Claude Code would send with every request";
  if (url.search || url.hash) return "has a query or fragment, which would hide part of where requests go";
  return undefined;
}

function urlRefusals(env: Record<string, string>): RefusedKey[] {
  return GATEWAY_URLS.filter((name) => typeof env[name] === "string").flatMap((name) => {
    const problem = gatewayUrlProblem(env[name]);
    return problem ? [{ key: `env.${name}`, why: `${shownUrl(env[name])} ${problem}`, acceptable: false }] : [];
  });
}

export function vetSettings(settings: ClaudeSettings, acceptKeys: readonly string[] = []): Vetting {
  const mode = inferMode(settings);
  const shape = renderedShape(mode.mode);
  const env = settings.env ?? {};
  const dangers = dangersIn(settings);
  const notRendered = `the ${mode.mode} settings mode never renders it`;
  const why = (key: string, known?: string) => {
    const found = dangers.filter((d) => d.key === key || d.key.startsWith(`${key}.`)).map((d) => (d.key === key ? d.why : `${d.key} ${d.why}`));
    return [known, ...found, notRendered].filter(Boolean).join("; ");
  };

  const extras: RefusedKey[] = [];
  for (const key of Object.keys(settings)) {
    if (shape.topLevel.has(key)) continue;
    const known = key === "apiKeyHelper" ? `${KNOWN_EXTRAS[key]}, and only the api-key-helper mode carries one (these settings are ${mode.mode}: ${mode.because})` : KNOWN_EXTRAS[key];
    extras.push({ key, why: why(key, known), acceptable: true });
  }
  for (const name of Object.keys(env)) {
    if (!shape.env.has(name)) extras.push({ key: `env.${name}`, why: why(`env.${name}`), acceptable: true });
  }
  if (typeof env.ANTHROPIC_CUSTOM_HEADERS === "string") {
    for (const header of parseCustomHeaders(env.ANTHROPIC_CUSTOM_HEADERS).headers) {
      const name = header.name.toLowerCase();
      if (shape.headers.has(name)) continue;
      extras.push({
        key: `env.ANTHROPIC_CUSTOM_HEADERS.${name}`,
        why: `a header the renderer never sends; Portkey takes x-portkey-* headers as instructions (x-portkey-custom-host, for one, sends the request elsewhere); ${notRendered}`,
        acceptable: true,
      });
    }
  }

  // A key the mode does render can still carry dangerous content (an apiKeyHelper pipeline).
  for (const danger of dangers) {
    const rendered = danger.key.startsWith("env.") ? shape.env.has(danger.key.slice(4)) : shape.topLevel.has(danger.key);
    if (rendered && !GATEWAY_URLS.some((name) => danger.key === `env.${name}`)) extras.push({ key: danger.key, why: danger.why, acceptable: true });
  }

  const wanted = new Set(acceptKeys.map((key) => key.trim()));
  const isAccepted = (key: string) => wanted.has(key) || (key.startsWith("env.ANTHROPIC_CUSTOM_HEADERS.") && [...wanted].some((w) => w.toLowerCase() === key));
  const values = valueRefusals(settings, shape.env);
  const accepted = [...extras, ...values.filter((value) => value.acceptable)].filter((extra) => isAccepted(extra.key));
  const refused = [...urlRefusals(env), ...values.filter((value) => !value.acceptable || !isAccepted(value.key)), ...extras.filter((extra) => !isAccepted(extra.key))];
  const unusedAccepts = [...wanted].filter((key) => !accepted.some((extra) => extra.key === key || extra.key === key.toLowerCase()));
  return { mode, refused, accepted, unusedAccepts };
}

/** Where the settings point Claude Code, for the confirmation line (no secret in it). */
export function gatewayTarget(settings: ClaudeSettings): { host: string; routing: string } {
  const env = settings.env ?? {};
  const raw = env.ANTHROPIC_BASE_URL ?? env.ANTHROPIC_VERTEX_BASE_URL ?? "";
  let host = "(no gateway URL)";
  try {
    host = new URL(raw).host;
  } catch {
    // vetting has refused it already
  }
  const headers = parseCustomHeaders(env.ANTHROPIC_CUSTOM_HEADERS ?? "").headers;
  const value = (name: string) => headers.find((header) => header.name.toLowerCase() === name)?.value;
  const provider = value("x-portkey-provider");
  const config = value("x-portkey-config");
  const routing = provider ? `provider ${provider}` : config ? `config ${config}` : value("x-portkey-virtual-key") ? "a virtual key (legacy)" : "no routing header";
  return { host, routing };
}
