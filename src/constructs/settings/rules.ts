/**
 * The gateway rules every rendered settings file must keep, as checks over a settings object.
 * The renderer refuses to produce a file that breaks an error rule; the doctor runs the same
 * checks over a developer's real file. Each rule cites ../shared/docs/claude-code-gateway.md.
 */
import { credentialProblem } from "../../portkey/credential-check";
import { isLoopbackHost, shownUrl } from "../../portkey/url-rules";
import { ModelCatalogue, modelProblem } from "../models/catalogue";
import { lifecycleNotice } from "../models/lifecycle-notice";
import { parseCustomHeaders } from "./custom-headers";
import type { ClaudeSettings, Finding } from "./types";

const MODEL_SLOTS = ["ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL"];
const SECRET_HEADERS = new Set(["x-portkey-api-key", "authorization", "x-api-key"]);
const ALIASES = new Set(["opus", "sonnet", "haiku", "default", "opusplan"]);

export interface RuleOptions {
  readonly allowUnknownModels?: boolean;
  /** Retired IDs kept on purpose (the organisation still has access under an exception). */
  readonly allowRetiredModels?: readonly string[];
  /** The catalogue and its evaluation date. @default ModelCatalogue.builtIn() (today) */
  readonly catalogue?: ModelCatalogue;
  /** How the caller's exception for a retired model is written, e.g. `pass --allow-retired-model <id>`. */
  readonly retiredExceptionHint?: (id: string) => string;
}

const DEFAULT_EXCEPTION_HINT = (id: string) => `name "${id}" as a retired-model exception (allowRetiredModels in the team's models, --allow-retired-model for onboard and doctor)`;

type Rule = (settings: ClaudeSettings, env: Record<string, string>, options: RuleOptions) => Finding[];

const isLegacyVertex = (env: Record<string, string>) => env.CLAUDE_CODE_USE_VERTEX === "1";

/** Claude Code appends /v1/messages itself: a base ending in /v1 gives /v1/v1/messages ("500 fetch failed"). */
const baseUrlWithoutV1: Rule = (_s, env) =>
  /\/v1\/?$/.test(env.ANTHROPIC_BASE_URL ?? "")
    ? [
        {
          rule: "base-url-v1",
          severity: "error",
          message: `ANTHROPIC_BASE_URL ends in /v1 (${env.ANTHROPIC_BASE_URL}); Claude Code then calls /v1/v1/messages and Portkey answers "500 fetch failed".`,
          fix: "Remove the trailing /v1, e.g. https://api.portkey.ai.",
        },
      ]
    : [];

/** Claude Code joins the base URL and /v1/messages itself: anything but a bare http(s) origin (+ path) breaks that. */
const baseUrlShape: Rule = (_s, env) => {
  const raw = env.ANTHROPIC_BASE_URL;
  if (raw === undefined) return [];
  // shownUrl masks user:password@, so a finding never repeats a password.
  const finding = (why: string, fix = "Set it to the gateway origin, e.g. https://api.portkey.ai (no /v1, no query, no trailing spaces)."): Finding[] => [
    { rule: "bad-base-url", severity: "error", message: `ANTHROPIC_BASE_URL ${shownUrl(raw)} ${why}.`, fix },
  ];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return finding("is not a URL");
  }
  if (raw.trim() !== raw) return finding("has leading or trailing spaces");
  if (url.protocol !== "https:" && url.protocol !== "http:") return finding(`uses ${url.protocol} instead of https:`);
  if (url.username || url.password) {
    return finding("carries a user name or password (user:password@), which Claude Code would send and log with every request", "Remove it: Portkey takes the key from ANTHROPIC_AUTH_TOKEN, never from the URL.");
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return finding("uses plain http to another machine, so the team's key would travel unencrypted", "Use https (plain http only for 127.0.0.1/localhost, e.g. the local emulator).");
  }
  if (url.search || url.hash) return finding("has a query or fragment, which Claude Code would put before /v1/messages");
  if (/\/messages\/?$/.test(url.pathname)) return finding("already ends in /messages; Claude Code appends /v1/messages itself");
  return [];
};

/**
 * A hand-written backslash-n (two characters) is not a line break: Claude Code then sends one
 * header whose value swallows every later line, so routing or metadata silently disappear.
 */
const literalNewlineInHeaders: Rule = (_s, env) =>
  (env.ANTHROPIC_CUSTOM_HEADERS ?? "").includes("\\n")
    ? [
        {
          rule: "custom-headers-literal-newline",
          severity: "error",
          message: 'ANTHROPIC_CUSTOM_HEADERS contains a literal backslash-n ("\\n" as two characters) instead of a line break, so the headers after it are glued into the first value.',
          fix: 'Separate headers with a real line break: inside the settings.json string write \\n (one backslash), not \\\\n.',
        },
      ]
    : [];

/** Fallback between Vertex and the Anthropic API breaks multi-turn thinking ("Invalid signature in thinking block"). */
export function mixedFallbackFinding(): Finding {
  return {
    rule: "fallback-mixes-vertex-and-anthropic",
    severity: "warning",
    message: "The config falls back between Vertex and the Anthropic API: thinking blocks signed by one are rejected by the other (\"Invalid signature in thinking block\").",
    fix: "Fall back between Vertex regions only (Vertex to Vertex is fine), or keep the Anthropic API out of the config.",
  };
}

function mentionsProvider(config: unknown, name: string): boolean {
  if (Array.isArray(config)) return config.some((item) => mentionsProvider(item, name));
  if (!config || typeof config !== "object") return false;
  return Object.entries(config).some(([field, value]) => (field === "provider" && value === name) || mentionsProvider(value, name));
}

/** Slug mode sends Messages requests; the Vertex flags switch Claude Code to rawPredict paths. */
const noVertexFlagsInSlugMode: Rule = (_s, env) =>
  env.ANTHROPIC_BASE_URL && isLegacyVertex(env)
    ? [
        {
          rule: "vertex-flag-in-slug-mode",
          severity: "error",
          message: "CLAUDE_CODE_USE_VERTEX=1 is set together with ANTHROPIC_BASE_URL: Claude Code ignores the base URL and sends Vertex rawPredict requests.",
          fix: "Remove CLAUDE_CODE_USE_VERTEX, CLAUDE_CODE_SKIP_VERTEX_AUTH and ANTHROPIC_VERTEX_* (Portkey talks to Vertex for you).",
        },
      ]
    : [];

const customHeaderRules: Rule = (_s, env) => {
  const text = env.ANTHROPIC_CUSTOM_HEADERS;
  const findings: Finding[] = [];
  const { headers, problems } = parseCustomHeaders(text ?? "");
  for (const problem of problems) {
    findings.push({
      rule: "bad-custom-header",
      severity: "error",
      message: `ANTHROPIC_CUSTOM_HEADERS: ${problem}.`,
      fix: 'Write one "Name: Value" per line, names made of letters, digits and dashes.',
    });
  }
  const names = new Map(headers.map((header) => [header.name.toLowerCase(), header.value]));
  if (!isLegacyVertex(env)) {
    for (const name of names.keys()) {
      if (SECRET_HEADERS.has(name)) {
        findings.push({
          rule: "secret-in-custom-headers",
          severity: "error",
          message: `ANTHROPIC_CUSTOM_HEADERS carries ${name}: a secret in a header string is shown by tools that print settings, and model discovery is skipped.`,
          fix: "Put the Portkey key in ANTHROPIC_AUTH_TOKEN (or serve it with apiKeyHelper) and drop the header.",
        });
      }
    }
    if (env.ANTHROPIC_BASE_URL && !names.has("x-portkey-provider") && !names.has("x-portkey-config")) {
      findings.push({
        rule: "no-routing-header",
        severity: "error",
        message: "ANTHROPIC_CUSTOM_HEADERS has neither x-portkey-provider nor x-portkey-config, so Portkey does not know where to send requests.",
        fix: 'Add "x-portkey-provider: @<provider-slug>" or "x-portkey-config: <config-slug>".',
      });
    }
  }
  const provider = names.get("x-portkey-provider");
  if (provider !== undefined && !provider.startsWith("@")) {
    findings.push({
      rule: "provider-without-at",
      severity: "error",
      message: `x-portkey-provider is "${provider}": without the leading @ Portkey reads it as a base provider name, not your provider slug.`,
      fix: `Use "x-portkey-provider: @${provider}".`,
    });
  }
  const inlineConfig = names.get("x-portkey-config");
  if (inlineConfig?.startsWith("{") && /"forward_headers"\s*:\s*\[[^\]]*"anthropic-beta"/i.test(inlineConfig)) {
    findings.push(anthropicBetaFinding());
  }
  if (inlineConfig?.startsWith("{")) {
    const parsed = safeJson(inlineConfig);
    if (mentionsProvider(parsed, "vertex-ai") && mentionsProvider(parsed, "anthropic")) findings.push(mixedFallbackFinding());
  }
  const metadata = names.get("x-portkey-metadata");
  if (metadata !== undefined) findings.push(...metadataFindings(metadata));
  return findings;
};

export function anthropicBetaFinding(): Finding {
  return {
    rule: "anthropic-beta-forwarded",
    severity: "error",
    message: "The config forwards anthropic-beta to Vertex, which rejects Claude Code's beta headers with 400 \"Unexpected value(s) … for the anthropic-beta header\".",
    fix: "Remove anthropic-beta from forward_headers (Portkey filters it for Vertex), or set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1.",
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function metadataFindings(value: string): Finding[] {
  const fix = 'Send a JSON object of strings, each at most 128 characters, e.g. {"_user":"ada","team":"payments"}.';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [{ rule: "bad-metadata", severity: "error", message: "x-portkey-metadata is not valid JSON.", fix }];
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return [{ rule: "bad-metadata", severity: "error", message: "x-portkey-metadata is not a JSON object.", fix }];
  }
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([, v]) => typeof v !== "string" || v.length > 128)
    .map(([key]) => ({
      rule: "bad-metadata",
      severity: "error" as const,
      message: `x-portkey-metadata.${key} must be a string of at most 128 characters (Portkey rejects the rest).`,
      fix,
    }));
}

/** apiKeyHelper ranks below the env keys; with both, one request carries two different keys. */
const credentialRules: Rule = (settings, env) => {
  const hasToken = Boolean(env.ANTHROPIC_AUTH_TOKEN || env.ANTHROPIC_API_KEY);
  if (settings.apiKeyHelper && hasToken) {
    return [
      {
        rule: "helper-beside-token",
        severity: "error",
        message: "apiKeyHelper is set together with ANTHROPIC_AUTH_TOKEN/ANTHROPIC_API_KEY: the token goes out as Authorization and the helper's output as x-api-key, two different keys in one request (observed with Claude Code 2.1.197 and 2.1.330).",
        fix: "Keep one: the token (static key) or apiKeyHelper (rotated key from Secret Manager).",
      },
    ];
  }
  if (!hasToken && !settings.apiKeyHelper && !isLegacyVertex(env)) {
    return [
      {
        rule: "no-credential",
        severity: "error",
        message: "No ANTHROPIC_AUTH_TOKEN and no apiKeyHelper: Claude Code refuses to start (\"Not logged in · Please run /login\", exit 1, nothing sent; observed with 2.1.197 and 2.1.330).",
        fix: "Set ANTHROPIC_AUTH_TOKEN to the team's Portkey API key, or apiKeyHelper to a command that prints it.",
      },
    ];
  }
  return [];
};

/**
 * A key HTTP cannot carry, or Portkey cannot know (a line break from a CRLF file, curly quotes,
 * a space): every request fails. Named by character class, never by the key.
 */
const credentialCharacters: Rule = (_s, env) =>
  (["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY"] as const).flatMap((name) => {
    const value = env[name];
    const problem = value ? credentialProblem(value) : undefined;
    if (!problem) return [];
    return [
      {
        rule: "bad-credential",
        severity: "error" as const,
        message: `${name} ${problem.what}, ${problem.why}, so every request Claude Code sends with it fails.`,
        fix: `${problem.fix.charAt(0).toUpperCase()}${problem.fix.slice(1)}; or run claude-vertex-portkey onboard again, which writes the key cleanly.`,
      },
    ];
  });

/**
 * Vertex needs `@date` IDs and refuses retired models; unset slots fall back to Claude Code's own
 * defaults, which change by version.
 */
const modelRules: Rule = (settings, env, options) => {
  const findings: Finding[] = [];
  const check = (where: string, id: string | undefined) => {
    if (!id || ALIASES.has(id)) return;
    const problem = modelProblem(id, options);
    if (problem) {
      findings.push({ rule: "bad-model", severity: "error", message: `${where}: ${problem}`, fix: "Use a Vertex model ID from the catalogue." });
      return;
    }
    const notice = options.catalogue
      ? lifecycleNotice(options.catalogue, id, { allowRetiredModels: options.allowRetiredModels, exceptionHint: options.retiredExceptionHint ?? DEFAULT_EXCEPTION_HINT })
      : undefined;
    if (notice) findings.push({ rule: notice.status === "retired" ? "retired-model" : "retiring-model", severity: notice.severity, message: `${where}: ${notice.message}`, fix: notice.fix });
  };
  check("model", settings.model);
  for (const slot of MODEL_SLOTS) {
    if (!env[slot]) {
      findings.push({
        rule: "model-slot-unset",
        severity: "warning",
        message: `${slot} is not set: Claude Code falls back to a built-in model ID that may not exist on Vertex (background requests use the Haiku slot).`,
        fix: `Set ${slot} to a Vertex model ID.`,
      });
    }
    check(slot, env[slot]);
  }
  if (!settings.model) {
    findings.push({ rule: "model-unset", severity: "warning", message: "model is not set.", fix: 'Set "model" to an alias (opus, sonnet) or a Vertex ID.' });
  }
  return findings;
};

const legacyModeWarning: Rule = (_s, env) =>
  isLegacyVertex(env) && env.ANTHROPIC_VERTEX_BASE_URL
    ? [
        {
          rule: "legacy-vertex-mode",
          severity: "warning",
          message: "Legacy Vertex mode: requests pass through Portkey unprocessed (Portkey's troubleshooting blames this mode for 500 fetch failed).",
          fix: "Prefer provider-slug mode: ANTHROPIC_BASE_URL + ANTHROPIC_AUTH_TOKEN + x-portkey-provider.",
        },
      ]
    : [];

const RULES: Rule[] = [
  baseUrlWithoutV1,
  baseUrlShape,
  noVertexFlagsInSlugMode,
  literalNewlineInHeaders,
  customHeaderRules,
  credentialRules,
  credentialCharacters,
  modelRules,
  legacyModeWarning,
];

/**
 * Check a settings object. `envOverrides` are merged over its `env` before checking (the renderer
 * and onboard pass none; doctor checks the effective values, already merged from every layer and
 * the shell as Claude Code merges them: src/cli/layers/effective.ts).
 */
export function checkSettings(settings: ClaudeSettings, envOverrides: Record<string, string> = {}, options: RuleOptions = {}): Finding[] {
  const env = { ...(settings.env ?? {}), ...envOverrides };
  const withCatalogue = { ...options, catalogue: options.catalogue ?? ModelCatalogue.builtIn() };
  return RULES.flatMap((rule) => rule(settings, env, withCatalogue));
}
