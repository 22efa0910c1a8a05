/**
 * What a failed probe means, from the status and the gateway's error message, mapped to the
 * causes in claude-code-gateway.md ("Observed with the real client", `anthropic-beta`, "Vertex
 * model IDs") and how to fix each. First matching row wins. `claudeCode` is what the real client
 * prints for the same failure, as observed with Claude Code 2.1.330 in `-p` mode (its texts
 * changed since 2.1.197: a rejected key was "Not logged in · Please run /login" there).
 */
import { anthropicBetaFinding } from "../../constructs/settings/rules";

/** The client version the `claudeCode` texts were observed with. */
export const OBSERVED_CLIENT = "Claude Code 2.1.330";

export interface Diagnosis {
  /** Short id for scripts, e.g. `bad-key`. */
  readonly code: string;
  readonly cause: string;
  readonly fix: string;
  /** What Claude Code prints for this failure (OBSERVED_CLIENT), `…` where the gateway's message goes. */
  readonly claudeCode?: string;
}

/** What doctor knows beyond the response: the team stack, when the settings name it. */
export interface DiagnosisHints {
  /** e.g. `team-payments`, from the provider slug `@payments-vertex` the team stack made. */
  readonly teamStack?: string;
}

interface Row {
  readonly matches: (status: number | undefined, message: string) => boolean;
  readonly diagnosis: (hints: DiagnosisHints) => Diagnosis;
}

const teamStack = (hints: DiagnosisHints) => hints.teamStack ?? "team-<name>";

const ROWS: Row[] = [
  {
    matches: (status, message) => status === undefined && /ECONNREFUSED|ConnectionRefused/i.test(message),
    diagnosis: () => ({
      code: "connection-refused",
      cause: "Nothing listens at ANTHROPIC_BASE_URL.",
      fix: "Check the host and port in ANTHROPIC_BASE_URL (https://api.portkey.ai for hosted Portkey), and any proxy or VPN in between.",
      claudeCode: "API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)",
    }),
  },
  {
    matches: (status, message) => status === undefined && /ENOTFOUND|EAI_AGAIN/i.test(message),
    diagnosis: () => ({
      code: "dns",
      cause: "The gateway's host name does not resolve.",
      fix: "Check the host in ANTHROPIC_BASE_URL and your DNS/VPN.",
      claudeCode: "API Error: Can't reach the API server — check your internet or DNS (ENOTFOUND)",
    }),
  },
  {
    matches: (status, message) => status === undefined && /timeout|aborted/i.test(message),
    diagnosis: () => ({ code: "timeout", cause: "The gateway did not answer in time.", fix: "Check network access to the gateway (a proxy may hold the request); raise --timeout-ms to wait longer." }),
  },
  {
    matches: (status) => status === undefined,
    diagnosis: () => ({ code: "network", cause: "The request did not reach the gateway.", fix: "Check ANTHROPIC_BASE_URL, proxies (HTTPS_PROXY) and TLS interception." }),
  },
  {
    matches: (status) => status === 401,
    diagnosis: (hints) => ({
      code: "bad-key",
      cause: "Portkey rejected the API key: it is unknown, deleted or revoked, rotated out, expired, or lacks completions.write.",
      fix:
        `A key deleted or revoked in Portkey stays in the team's Terraform outputs until the team stack is applied again: run \`cdktf deploy ${teamStack(hints)}\` ` +
        `(it issues a new key), then \`cdktf output ${teamStack(hints)} --outputs-file out.json --outputs-file-include-sensitive-outputs\` and \`claude-vertex-portkey onboard out.json\`; ` +
        "onboarding again from the old outputs brings the dead key back. With apiKeyHelper, check that the command prints the current secret.",
      claudeCode: "Failed to authenticate. API Error: 401 …",
    }),
  },
  {
    matches: (status, message) => status === 400 && /anthropic-beta/i.test(message),
    diagnosis: () => ({ code: "anthropic-beta", cause: anthropicBetaFinding().message, fix: anthropicBetaFinding().fix, claudeCode: "API Error: 400 …anthropic-beta…" }),
  },
  {
    matches: (status, message) => (status === 400 || status === 404) && /x-portkey-provider|x-portkey-config|routing|provider @|config .*not found/i.test(message),
    diagnosis: () => ({
      code: "routing",
      cause: "Portkey cannot route the request: the x-portkey-provider slug or x-portkey-config in ANTHROPIC_CUSTOM_HEADERS is missing, wrong, or not in this key's workspace.",
      fix: 'Use "x-portkey-provider: @<provider-slug>" with the team\'s slug from the Terraform outputs (or its config slug), then run onboard again.',
    }),
  },
  {
    matches: (status, message) => status === 404 && /\/v1\/v1|doubled/i.test(message),
    diagnosis: () => ({
      code: "base-url-v1",
      cause: "The request went to /v1/v1/messages: ANTHROPIC_BASE_URL ends in /v1 (hosted Portkey answers \"500 fetch failed\").",
      fix: "Remove the trailing /v1 from ANTHROPIC_BASE_URL, e.g. https://api.portkey.ai.",
    }),
  },
  {
    matches: (status, message) => status === 404 && /model/i.test(message),
    diagnosis: () => ({
      code: "model",
      cause: "The model is not available: a Vertex ID needs \"@\" before the date (claude-haiku-4-5@20251001, not -20251001), the model must be enabled in Vertex AI Model Garden for the region, allowed on the Portkey integration, and not retired.",
      fix: "Use a Vertex model ID from the catalogue in model / ANTHROPIC_DEFAULT_*_MODEL, enable it in Model Garden (by hand: Terraform cannot), and check the integration's model list.",
      claudeCode: "There's an issue with the selected model (<id>). It may not exist or you may not have access to it.",
    }),
  },
  {
    matches: (status) => status === 403,
    diagnosis: () => ({
      code: "forbidden",
      cause: "The key may not use this provider: its Vertex integration is not enabled for the key's workspace, the provider is disabled, or a policy blocks it.",
      fix: "Ask the platform team to check the team's workspace access to the Vertex integration (the stack's integration-access resource).",
      claudeCode: "Failed to authenticate. API Error: 403 …",
    }),
  },
  {
    matches: (status) => status === 429,
    diagnosis: () => ({
      code: "rate-limit",
      cause: "Rate limit or budget reached for this key or workspace.",
      fix: "Wait and retry; if it persists, ask the platform team about the team's rate limit and budget.",
      claudeCode: "API Error: Request rejected (429) · …",
    }),
  },
  {
    matches: (status, message) => status === 500 && /fetch failed/i.test(message),
    diagnosis: () => ({
      code: "fetch-failed",
      cause: 'Portkey could not complete the upstream call ("500 fetch failed"): its troubleshooting blames a base URL ending in /v1 and the legacy Vertex mode (CLAUDE_CODE_USE_VERTEX).',
      fix: "Use provider-slug mode: ANTHROPIC_BASE_URL without /v1, ANTHROPIC_AUTH_TOKEN, x-portkey-provider: @<slug>; remove CLAUDE_CODE_USE_VERTEX and ANTHROPIC_VERTEX_*. Then check the Vertex integration's service account and region.",
      claudeCode: "API Error: 500 fetch failed. This is a server-side issue, usually temporary — try again in a moment. If it persists, check your inference gateway (<host>).",
    }),
  },
  {
    matches: (status) => status !== undefined && status >= 500,
    diagnosis: () => ({
      code: "server-error",
      cause: "The gateway or Vertex failed (server-side).",
      fix: "Retry; if it persists, look up the request in Portkey's logs (trace id) or ask the platform team.",
      claudeCode: "API Error: 5xx …. This is a server-side issue, usually temporary …",
    }),
  },
  {
    matches: (status) => status === 200,
    diagnosis: () => ({
      code: "malformed",
      cause: "HTTP 200 but not a streamed Messages response: something other than Portkey answers at the base URL.",
      fix: "Check ANTHROPIC_BASE_URL and any proxy or gateway intercepting the request.",
      claudeCode: "API Error: API returned an empty or malformed response (HTTP 200) — check for a proxy or gateway intercepting the request.",
    }),
  },
];

const FALLBACK: Diagnosis = { code: "unexpected", cause: "The gateway refused the request.", fix: "Read the gateway's message above; `claude-vertex-portkey doctor` without --probe lists setting problems." };

export function diagnose(status: number | undefined, message: string, hints: DiagnosisHints = {}): Diagnosis {
  return ROWS.find((row) => row.matches(status, message))?.diagnosis(hints) ?? FALLBACK;
}

/**
 * `team-payments` from `x-portkey-provider: @payments-vertex` (ClaudeCodeTeam names its provider
 * `<team>-vertex[-<region>]` and the app its stack `team-<team>`); undefined for anything else.
 */
export function teamStackOf(customHeaders: string | undefined): string | undefined {
  const provider = /^x-portkey-provider:\s*@([a-z0-9][a-z0-9-]*?)-vertex(?:-[a-z0-9-]+)?\s*$/im.exec(customHeaders ?? "");
  return provider ? `team-${provider[1]}` : undefined;
}
