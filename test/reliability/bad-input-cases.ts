/**
 * The bad-input corpus: real mistakes in the teams file, the provider block and resource
 * attributes, each with the exact diagnostic the user gets. Exported so bench and doc scripts can
 * list them; docs/bad-input-corpus.md is generated from this list.
 */
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { type BadInputCase, CORPUS_ADMIN_KEY, error, warning } from "./support/bad-input";

const SA_JSON = JSON.stringify(FAKE_SERVICE_ACCOUNT);
const WS = [{ key: "workspace_id", value: "ws-payments" }];

/** A valid configuration of every resource type; each resource case overrides some attributes. */
export const VALID_RESOURCES = {
  portkeyadmin_workspace: { name: "payments" },
  portkeyadmin_integration: { slug: "vertex-prod", name: "Vertex prod", vertex_region: "us-east5", service_account_json: SA_JSON },
  portkeyadmin_integration_models: { integration_slug: "vertex-prod", models: ["claude-sonnet-4-5@20250929"] },
  portkeyadmin_integration_workspace_access: { integration_slug: "vertex-prod", workspace_id: "ws-payments" },
  portkeyadmin_provider: { name: "Vertex prod", workspace_id: "ws-payments", integration_id: "vertex-prod" },
  portkeyadmin_config: { name: "payments routing", workspace_id: "ws-payments", targets: [{ provider: "@vertex-prod" }] },
  portkeyadmin_api_key: { name: "payments-ci", workspace_id: "ws-payments" },
  portkeyadmin_usage_limits_policy: { conditions: WS, group_by: [{ key: "metadata._user" }], type: "cost", credit_limit: 100 },
  portkeyadmin_rate_limits_policy: { conditions: WS, group_by: [{ key: "api_key" }], type: "requests", unit: "rpm", value: 60 },
  portkeyadmin_virtual_key: {
    name: "payments vertex",
    workspace_id: "ws-payments",
    vertex_region: "us-east5",
    vertex_project_id: "acme-claude-prod",
    service_account_json: SA_JSON,
  },
};

const keyWith = (fields: Record<string, unknown>) => JSON.stringify({ ...FAKE_SERVICE_ACCOUNT, ...fields });

const TIMEOUT_RULE = "request_timeout_ms must be a whole number from 100 to 120000 (2 minutes: one call, every attempt and wait included, ends after 2 minutes anyway)";
const HTTPS_FIX =
  "use https (plain http is accepted only for 127.0.0.1/localhost, e.g. the local emulator; reach anything else through an SSH tunnel or port-forward to 127.0.0.1).";
const RETRIES_FIX = "Fix: set a whole number from 0 to 20 (the retries after the first attempt, like max_retries), or unset it for the default, 4.";

export const BAD_INPUT_CASES: readonly BadInputCase[] = [
  // ---- teams file (a few of test/stacks/config/bad-files.test.ts, plus types, unicode, sizes) ----
  { area: "teams file", mistake: "a budget of 0 meant as 'no budget'", set: [[["teams", 2, "budget", "limit"], 0]],
    expect: [error("teams[2].budget.limit", "0 is not a budget: Portkey refuses every request once the limit is reached, and a limit must be at least 1.", "give a positive limit, or set \"budget\": null for no budget.")] },
  { area: "teams file", mistake: "a budget written as a string", set: [[["teams", 0, "budget"], { limit: "500" }]],
    expect: [error("teams[0].budget.limit", "must be a number of dollars or tokens, got \"500\".", "write a bare number without quotes, e.g. 100.")] },
  { area: "teams file", mistake: "a number too big to hold exactly", set: [[["teams", 2, "budget"], { type: "tokens", limit: 1e21 }]],
    expect: [error("teams[2].budget.limit", "must be at most 9,007,199,254,740,991 dollars or tokens, got 1e+21.", "check for extra zeros; this ceiling catches typos.")] },
  { area: "teams file", mistake: "the gateway URL with /v1", set: [[["portkey", "gateway_url"], "https://api.portkey.ai/v1"]],
    expect: [error("portkey.gateway_url", "\"https://api.portkey.ai/v1\" ends in /v1; Claude Code appends /v1/messages itself, calls /v1/v1/messages and Portkey answers \"500 fetch failed\".", "remove the trailing /v1: \"https://api.portkey.ai\".")] },
  { area: "teams file", mistake: "a misspelt model", set: [[["teams", 1, "models"], { sonnet: "claude-sonet-4-6" }]],
    expect: [error("teams[1].models.sonnet", "\"claude-sonet-4-6\" is not a known Vertex Claude model ID (did you mean \"claude-sonnet-4-6\"?).", "use one of claude-opus-4-6, claude-sonnet-4-6, claude-opus-4-5@20251101, claude-sonnet-4-5@20250929, claude-haiku-4-5@20251001, claude-opus-4-1@20250805, claude-opus-4@20250514, claude-sonnet-4@20250514, claude-3-5-haiku@20241022; for a model newer than this catalogue set \"allow_unknown_models\": true in models.")] },
  { area: "teams file", mistake: "an empty teams list", set: [[["teams"], []]],
    expect: [error("teams", "teams is empty, so there is nothing to deploy.", "add a team, e.g. {\"name\": \"payments\", \"budget\": {\"limit\": 500}} (see stacks/teams.example.json).")] },
  { area: "teams file", mistake: "a team name in another script", set: [[["teams", 1, "name"], "支付团队"]],
    expect: [error("teams[1].name", "team name \"支付团队\" is not a slug.", "use 1–30 lowercase ASCII letters, digits and dashes, starting with a letter and not ending with a dash.")] },
  { area: "teams file", mistake: "teams as an object keyed by name", set: [[["teams"], { payments: {} }]],
    expect: [error("teams", "must be an array, got an object.", "write [ … ] here.")] },
  { area: "teams file", mistake: "a trailing comma (invalid JSON)", text: '{\n  "teams": [{ "name": "payments" },]\n}\n',
    expect: [error("line 2, column 35", "invalid JSON: trailing comma: JSON allows no comma after the last item.", "remove this comma.")] },

  // ---- provider block ----
  { area: "provider config", mistake: "no admin key (api_key unset, PORTKEY_API_KEY unset)", config: { api_key: null },
    expect: [error("api_key", "Missing Portkey Admin API key", "Set api_key in the provider block or the PORTKEY_API_KEY environment variable to an Admin API key.")] },
  { area: "provider config", mistake: "base_url without a scheme", config: { base_url: "api.portkey.ai/v1" },
    expect: [error("base_url", "Invalid value for base_url", "base_url: \"api.portkey.ai/v1\" is not a URL. Fix: write the full URL, e.g. \"https://api.portkey.ai/v1\".")] },
  { area: "provider config", mistake: "max_retries far out of range", config: { max_retries: 50 },
    expect: [error("max_retries", "Invalid value for max_retries", "max_retries must be a whole number from 0 to 20")] },
  { area: "provider config", mistake: "max_retries as a fraction", config: { max_retries: 2.5 },
    expect: [error("max_retries", "Invalid value for max_retries", "max_retries must be a whole number from 0 to 20")] },
  { area: "provider config", mistake: "request_timeout_ms in seconds", config: { request_timeout_ms: 30 },
    expect: [error("request_timeout_ms", "Invalid value for request_timeout_ms", TIMEOUT_RULE)] },
  { area: "provider config", mistake: "request_timeout_ms of 10^12 (Node's timers overflow above 2^31 ms and fire at once)", config: { request_timeout_ms: 1e12 },
    expect: [error("request_timeout_ms", "Invalid value for request_timeout_ms", TIMEOUT_RULE)] },
  // The environment: each variable follows its attribute's rules, and the message names the variable.
  { area: "provider config", mistake: "PORTKEY_BASE_URL without /v1", config: { base_url: null }, env: { PORTKEY_BASE_URL: "https://api.portkey.ai" },
    expect: [error("base_url", "Invalid PORTKEY_BASE_URL", "PORTKEY_BASE_URL: \"https://api.portkey.ai\" is not the Admin API: its paths live under /v1 (without it every call answers 404). Fix: use \"https://api.portkey.ai/v1\" (Portkey's own: \"https://api.portkey.ai/v1\").")] },
  { area: "provider config", mistake: "base_url of the local emulator without /v1", config: { base_url: "http://127.0.0.1:8787" },
    expect: [error("base_url", "Invalid value for base_url", "base_url: \"http://127.0.0.1:8787\" is not the Admin API: its paths live under /v1 (without it every call answers 404). Fix: use \"http://127.0.0.1:8787/v1\" (Portkey's own: \"https://api.portkey.ai/v1\").")] },
  { area: "provider config", mistake: "plain http to a host that is not this machine", config: { base_url: "http://portkey.internal.example.com/v1" },
    expect: [error("base_url", "Invalid value for base_url", `base_url: "http://portkey.internal.example.com/v1" uses plain http, which would send Portkey keys unencrypted. Fix: ${HTTPS_FIX}`)] },
  { area: "provider config", mistake: "PORTKEY_BASE_URL with plain http to another host", config: { base_url: null }, env: { PORTKEY_BASE_URL: "http://10.0.0.7:8787/v1" },
    expect: [error("base_url", "Invalid PORTKEY_BASE_URL", `PORTKEY_BASE_URL: "http://10.0.0.7:8787/v1" uses plain http, which would send Portkey keys unencrypted. Fix: ${HTTPS_FIX}`)] },
  { area: "provider config", mistake: "base_url with user:password@ (the password must not be echoed)", config: { base_url: "https://ops:hunter2-corpus@api.portkey.ai/v1" }, secret: "hunter2-corpus",
    shown: 'base_url = "https://ops:<password>@api.portkey.ai/v1"',
    expect: [error("base_url", "Invalid value for base_url", "base_url: \"https://***@api.portkey.ai/v1\" carries a user name or password (\"user:password@\"). Fix: remove it: Portkey takes its keys in headers, never in the URL, and a URL is copied into settings files, logs and error messages.")] },
  { area: "provider config", mistake: "PORTKEY_BASE_URL read from a file with its line break", config: { base_url: null }, env: { PORTKEY_BASE_URL: "https://api.portkey.ai/v1\n" },
    expect: [error("base_url", "Invalid PORTKEY_BASE_URL", "PORTKEY_BASE_URL: \"https://api.portkey.ai/v1\\n\" contains a line break (U+000A) at the end. Fix: remove it: a URL has no spaces or line breaks (it was probably pasted with them, or read from a file with Windows line endings).")] },
  { area: "provider config", mistake: "PORTKEY_BASE_URL of only spaces", config: { base_url: null }, env: { PORTKEY_BASE_URL: "   " },
    expect: [error("base_url", "Invalid PORTKEY_BASE_URL", "PORTKEY_BASE_URL: \"   \" contains a space (U+0020) at the start. Fix: remove it: a URL has no spaces or line breaks (it was probably pasted with them, or read from a file with Windows line endings).")] },
  { area: "provider config", mistake: "an empty base_url", config: { base_url: "" },
    expect: [error("base_url", "Invalid value for base_url", "base_url: the URL is empty. Fix: write the full URL, e.g. \"https://api.portkey.ai/v1\".")] },
  {
    area: "provider config",
    mistake: "PORTKEY_API_KEY pasted from a file with Windows line endings (CR LF)",
    config: { api_key: null },
    env: { PORTKEY_API_KEY: `${CORPUS_ADMIN_KEY}\r\n` },
    secret: CORPUS_ADMIN_KEY,
    shown: 'PORTKEY_API_KEY="<admin key>\\r\\n"',
    expect: [error("api_key", "Invalid Portkey Admin API key", `PORTKEY_API_KEY ends with a line break (CR LF, a Windows line end), which cannot be sent in an HTTP header, so nothing was sent. Fix: it was probably pasted from a file with Windows (CRLF) line endings: remove every line break (e.g. export PORTKEY_API_KEY="$(tr -d '\\r\\n' < portkey-admin-key.txt)").`)],
  },
  {
    area: "provider config",
    mistake: "api_key with a line break in the middle",
    config: { api_key: `${CORPUS_ADMIN_KEY.slice(0, 8)}\n${CORPUS_ADMIN_KEY.slice(8)}` },
    secret: CORPUS_ADMIN_KEY,
    shown: 'api_key = "<admin key with \\n inside>"',
    expect: [error("api_key", "Invalid value for api_key", `api_key contains a line break (LF, U+000A), which cannot be sent in an HTTP header, so nothing was sent. Fix: it was probably read from a file along with its line break: remove every line break (e.g. api_key = trimspace(file("portkey-admin-key.txt"))).`)],
  },
  {
    area: "provider config",
    mistake: "api_key pasted from a document with curly quotes",
    config: { api_key: `\u201c${CORPUS_ADMIN_KEY}\u201d` },
    secret: CORPUS_ADMIN_KEY,
    shown: 'api_key = "“<admin key>”"',
    expect: [error("api_key", "Invalid value for api_key", `api_key starts with a non-ASCII character (U+201C), which cannot be sent in an HTTP header, so nothing was sent. Fix: a Portkey key is plain ASCII: this is typically a curly quote, a non-breaking space or a look-alike letter from a document or chat; copy the key again from Portkey (Admin settings → API keys) (e.g. api_key = trimspace(file("portkey-admin-key.txt"))).`)],
  },
  {
    area: "provider config",
    mistake: "PORTKEY_API_KEY that kept the quotes of a .env file",
    config: { api_key: null },
    env: { PORTKEY_API_KEY: `"${CORPUS_ADMIN_KEY}"` },
    secret: CORPUS_ADMIN_KEY,
    shown: 'PORTKEY_API_KEY="\\"<admin key>\\""',
    expect: [error("api_key", "Invalid Portkey Admin API key", `PORTKEY_API_KEY is wrapped in quotes, which Portkey would refuse with 401, so nothing was sent. Fix: remove the quotes around the key (a .env or YAML file may have kept them) (e.g. export PORTKEY_API_KEY="$(tr -d '\\r\\n' < portkey-admin-key.txt)").`)],
  },
  { area: "provider config", mistake: "PORTKEY_API_KEY of only spaces", config: { api_key: null }, env: { PORTKEY_API_KEY: "   " },
    expect: [error("api_key", "Invalid Portkey Admin API key", `PORTKEY_API_KEY holds only spaces or line breaks, which Portkey would refuse with 401, so nothing was sent. Fix: set it to the Admin API key (Portkey: Admin settings → API keys) (e.g. export PORTKEY_API_KEY="$(tr -d '\\r\\n' < portkey-admin-key.txt)").`)] },
  { area: "provider config", mistake: "PORTKEY_MAX_RETRIES that is not a number", config: { max_retries: null }, env: { PORTKEY_MAX_RETRIES: "three" },
    expect: [error("max_retries", "Invalid PORTKEY_MAX_RETRIES", `PORTKEY_MAX_RETRIES is "three", not a whole number of retries. ${RETRIES_FIX}`)] },
  { area: "provider config", mistake: "PORTKEY_MAX_RETRIES of 100", config: { max_retries: null }, env: { PORTKEY_MAX_RETRIES: "100" },
    expect: [error("max_retries", "Invalid PORTKEY_MAX_RETRIES", `PORTKEY_MAX_RETRIES is 100: at most 20 retries are allowed, as for max_retries (each waits up to 5 s and a call ends after 2 minutes anyway). ${RETRIES_FIX}`)] },
  { area: "provider config", mistake: "a negative PORTKEY_MAX_RETRIES", config: { max_retries: null }, env: { PORTKEY_MAX_RETRIES: "-1" },
    expect: [error("max_retries", "Invalid PORTKEY_MAX_RETRIES", `PORTKEY_MAX_RETRIES is "-1", not a whole number of retries. ${RETRIES_FIX}`)] },
  { area: "provider config", mistake: "a negative max_retries", config: { max_retries: -1 },
    expect: [error("max_retries", "Invalid value for max_retries", "max_retries must be a whole number from 0 to 20")] },

  // ---- portkeyadmin_workspace ----
  { area: "resource", typeName: "portkeyadmin_workspace", mistake: "a blank name", config: { name: "   " },
    expect: [error("name", "Invalid value for name", "name must not be empty")] },
  { area: "resource", typeName: "portkeyadmin_workspace", mistake: "a 10,000-character name", config: { name: "w".repeat(10_000) },
    expect: [error("name", "Invalid value for name", "name must be at most 100 characters")] },
  { area: "resource", typeName: "portkeyadmin_workspace", mistake: "a metadata value over 128 characters", config: { metadata: { team: "x".repeat(200) } },
    expect: [error("metadata", "Invalid value for metadata", "metadata.team is longer than 128 characters (Portkey's limit)")] },
  { area: "resource", typeName: "portkeyadmin_workspace", mistake: "a budget type in currency", config: { usage_limits: [{ type: "usd", credit_limit: 500 }] },
    expect: [error("usage_limits[0].type", "Invalid value for usage_limits[0].type", "must be \"cost\" or \"tokens\"")] },
  { area: "resource", typeName: "portkeyadmin_workspace", mistake: "a budget of 0", config: { usage_limits: [{ type: "cost", credit_limit: 0 }] },
    expect: [error("usage_limits[0].credit_limit", "Invalid value for usage_limits[0].credit_limit", "credit_limit must be at least 1")] },
  {
    area: "resource",
    typeName: "portkeyadmin_workspace",
    mistake: "an alert threshold written as a percentage",
    config: { usage_limits: [{ type: "cost", credit_limit: 50, alert_threshold: 80 }] },
    expect: [error("usage_limits", "Invalid value for usage_limits", "usage_limits[0].alert_threshold (80) must not exceed usage_limits[0].credit_limit (50): it is in the same unit as the budget (USD or tokens), not a percentage")],
  },
  { area: "resource", typeName: "portkeyadmin_workspace", mistake: "a per-second rate limit (API keys only)", config: { rate_limits: [{ type: "requests", unit: "rps", value: 5 }] },
    expect: [error("rate_limits[0].unit", "Invalid value for rate_limits[0].unit", "must be \"rpm\", \"rph\" or \"rpd\" (per minute, hour, day)")] },
  { area: "resource", typeName: "portkeyadmin_workspace", mistake: "a fractional rate limit", config: { rate_limits: [{ type: "requests", unit: "rpm", value: 2.5 }] },
    expect: [error("rate_limits[0].value", "Invalid value for rate_limits[0].value", "value must be a whole number ≥ 0")] },

  // ---- portkeyadmin_integration ----
  { area: "resource", typeName: "portkeyadmin_integration", mistake: "a slug with a non-ASCII letter", config: { slug: "vertex-prød" },
    expect: [error("slug", "Invalid value for slug", "slug must contain only letters, digits, \"_\" and \"-\" (for example \"vertex-prod\")")] },
  { area: "resource", typeName: "portkeyadmin_integration", mistake: "a region written like a display name", config: { vertex_region: "US East 5" },
    expect: [error("vertex_region", "Invalid value for vertex_region", "vertex_region must be a Vertex AI location such as \"us-east5\", \"europe-west1\" or \"global\" (got \"US East 5\")")] },
  { area: "resource", typeName: "portkeyadmin_integration", mistake: "auth_type in snake_case", config: { auth_type: "service_account" },
    expect: [error("auth_type", "Invalid value for auth_type", "auth_type must be \"serviceAccount\" (a key file in service_account_json), \"workload\" (Workload Identity Federation) or \"basic\"")] },
  {
    area: "resource",
    typeName: "portkeyadmin_integration",
    mistake: "a truncated key file (the private key must not be echoed)",
    config: { service_account_json: SA_JSON.slice(0, SA_JSON.indexOf(FAKE_KEY_MATERIAL) + FAKE_KEY_MATERIAL.length) },
    secret: FAKE_KEY_MATERIAL,
    shown: "service_account_json = <key file cut off after the private key>",
    expect: [error("service_account_json", "Invalid value for service_account_json", "service_account_json is not valid JSON: pass the content of a service-account key file, e.g. file(\"key.json\") (IAM → Service accounts → Keys → Add key → JSON)")],
  },
  {
    area: "resource",
    typeName: "portkeyadmin_integration",
    mistake: "user credentials instead of a service-account key",
    config: { service_account_json: keyWith({ type: "authorized_user" }) },
    secret: FAKE_KEY_MATERIAL,
    shown: 'service_account_json = <key file with "type": "authorized_user">',
    expect: [error("service_account_json", "Invalid value for service_account_json", "service_account_json must have \"type\": \"service_account\" (it is \"authorized_user\"); application-default or user credentials are not accepted: pass the content of a service-account key file, e.g. file(\"key.json\") (IAM → Service accounts → Keys → Add key → JSON)")],
  },
  { area: "resource", typeName: "portkeyadmin_integration", mistake: "serviceAccount auth without a key file", config: { service_account_json: null },
    expect: [error("service_account_json", "Missing service_account_json", "auth_type \"serviceAccount\" needs the key file: set service_account_json = file(\"key.json\") (or a secret variable), or choose auth_type \"workload\".")] },
  { area: "resource", typeName: "portkeyadmin_integration", mistake: "workload auth without a project", config: { auth_type: "workload", service_account_json: null },
    expect: [error("vertex_project_id", "Missing vertex_project_id", "auth_type \"workload\" needs vertex_project_id: set it to the Google Cloud project that serves Vertex AI.")] },

  // ---- portkeyadmin_integration_models / _workspace_access ----
  { area: "resource", typeName: "portkeyadmin_integration_models", mistake: "an empty model slug", config: { models: ["claude-sonnet-4-5@20250929", ""] },
    expect: [error("models", "Invalid value for models", "models must not contain an empty model slug")] },
  { area: "resource", typeName: "portkeyadmin_integration_models", mistake: "the integration as @slug", config: { integration_slug: "@vertex-prod" },
    expect: [error("integration_slug", "Invalid value for integration_slug", "integration_slug must contain only letters, digits, \"_\" and \"-\" (for example \"vertex-prod\")")] },
  {
    area: "resource",
    typeName: "portkeyadmin_integration_workspace_access",
    mistake: "two budgets for one workspace",
    config: { usage_limits: [{ type: "cost", credit_limit: 500 }, { type: "tokens", credit_limit: 1_000_000 }] },
    expect: [error("usage_limits", "Invalid value for usage_limits", "usage_limits takes at most one entry per workspace (Portkey's limit): merge them into one")],
  },

  // ---- portkeyadmin_provider ----
  { area: "resource", typeName: "portkeyadmin_provider", mistake: "the slug with its @", config: { slug: "@vertex-prod" },
    expect: [error("slug", "Invalid value for slug", "slug is the bare slug; drop the \"@\" (callers write \"@vertex-prod\", the slug itself is \"vertex-prod\")")] },
  { area: "resource", typeName: "portkeyadmin_provider", mistake: "a negative alert threshold", config: { usage_limits: { type: "cost", credit_limit: 200, alert_threshold: -10 } },
    expect: [error("usage_limits.alert_threshold", "Invalid value for usage_limits.alert_threshold", "alert_threshold must be at least 0")] },
  { area: "resource", typeName: "portkeyadmin_provider", mistake: "an expiry in words", config: { expires_at: "next year" },
    expect: [error("expires_at", "Invalid value for expires_at", "expires_at must be an RFC 3339 time such as 2027-01-01T00:00:00Z; got \"next year\"")] },

  // ---- portkeyadmin_config ----
  { area: "resource", typeName: "portkeyadmin_config", mistake: '"load-balance" with a dash', config: { strategy: { mode: "load-balance" }, targets: [{ provider: "@vertex-a" }, { provider: "@vertex-b" }] },
    expect: [error("strategy.mode", "Unknown strategy.mode", "strategy.mode is \"load-balance\"; did you mean \"loadbalance\"? Portkey accepts exactly \"single\", \"fallback\", \"loadbalance\" (one word, no dash or underscore) or \"conditional\".")] },
  { area: "resource", typeName: "portkeyadmin_config", mistake: "a header name with a space", config: { forward_headers: ["x team"] },
    expect: [error("forward_headers[0]", "Invalid header name", "forward_headers[0] is \"x team\", which is not an HTTP header name (letters, digits and -, no spaces or colons).")] },
  { area: "resource", typeName: "portkeyadmin_config", mistake: "a header name with a non-ASCII letter", config: { forward_headers: ["x-équipe"] },
    expect: [error("forward_headers[0]", "Invalid header name", "forward_headers[0] is \"x-équipe\", which is not an HTTP header name (letters, digits and -, no spaces or colons).")] },
  { area: "resource", typeName: "portkeyadmin_config", mistake: "forwarding anthropic-beta to Vertex", config: { forward_headers: ["anthropic-beta"], targets: [{ provider: "@vertex-prod" }] },
    expect: [warning("forward_headers[0]", "anthropic-beta forwarded to Vertex", "forward_headers[0] forwards anthropic-beta and targets[0] looks like a Vertex AI provider. Claude Code sends beta headers (interleaved thinking, context management, tool search…) that Vertex rejects with \"400 Unexpected value(s) … for the anthropic-beta header\"; Portkey filters them for Vertex unless a config forwards the header. Remove anthropic-beta from forward_headers, or set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 for the teams using this config.")] },
  { area: "resource", typeName: "portkeyadmin_config", mistake: "no targets", config: { targets: [] },
    expect: [error("targets", "No targets", "targets must list at least one target, e.g. [{ provider = \"@vertex-prod\" }].")] },
  { area: "resource", typeName: "portkeyadmin_config", mistake: "a provider without its @", config: { targets: [{ provider: "vertex-prod" }] },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the message shows Terraform interpolation syntax
    expect: [error("targets[0].provider", "Provider must be an @slug", "targets[0].provider is \"vertex-prod\"; Portkey addresses a provider by its slug prefixed with @ (e.g. \"@vertex-prod\", or \"@${portkeyadmin_provider.vertex.slug}\"): write \"@vertex-prod\".")] },
  { area: "resource", typeName: "portkeyadmin_config", mistake: "more retries than Portkey allows", config: { retry: { attempts: 10 } },
    expect: [error("retry.attempts", "Invalid retry.attempts", "retry.attempts is 10; Portkey allows a whole number from 0 to 5.")] },
  { area: "resource", typeName: "portkeyadmin_config", mistake: "a status code that is not HTTP", config: { retry: { attempts: 3, on_status_codes: [429, 999] } },
    expect: [error("retry.on_status_codes[1]", "Invalid HTTP status code in retry.on_status_codes", "999 is not an HTTP status code: use whole numbers from 100 to 599, e.g. 429 or 503.")] },
  { area: "resource", typeName: "portkeyadmin_config", mistake: "a fallback with one target", config: { strategy: { mode: "fallback" } },
    expect: [error("targets", "Fallback needs at least two targets", "strategy.mode = \"fallback\" tries the targets in order, so it needs at least 2; got 1. Add a second target or use mode \"single\".")] },

  // ---- portkeyadmin_api_key ----
  { area: "resource", typeName: "portkeyadmin_api_key", mistake: "a misspelt scope", config: { scopes: ["completions.writes"] },
    expect: [error("scopes", "Invalid value for scopes", "scopes: unknown scope \"completions.writes\"; did you mean \"completions.write\"?")] },
  { area: "resource", typeName: "portkeyadmin_api_key", mistake: "an unknown scope", config: { scopes: ["admin"] },
    expect: [error("scopes", "Invalid value for scopes", "scopes: unknown scope \"admin\"; Portkey scopes look like \"completions.write\" or \"<resource>.<action>\" (e.g. \"configs.read\")")] },
  { area: "resource", typeName: "portkeyadmin_api_key", mistake: "an empty scopes list", config: { scopes: [] },
    expect: [error("scopes", "Invalid value for scopes", "scopes must not be empty (Portkey answers 502 for a key without scopes); Claude Code needs [\"completions.write\"]")] },
  { area: "resource", typeName: "portkeyadmin_api_key", mistake: "a workspace key without its workspace", config: { workspace_id: null },
    expect: [error("workspace_id", "Invalid value for workspace_id", "workspace keys need workspace_id: set it to the workspace id (e.g. portkeyadmin_workspace.team.id), or set type = \"organisation\" for an Admin key")] },
  { area: "resource", typeName: "portkeyadmin_api_key", mistake: "an alert address that is not an email", config: { alert_emails: ["platform-team"] },
    expect: [error("alert_emails", "Invalid value for alert_emails", "alert_emails: \"platform-team\" is not an email address")] },
  { area: "resource", typeName: "portkeyadmin_api_key", mistake: "a 1-minute key transition", config: { rotation_trigger: "2026-01", key_transition_period_ms: 60_000 },
    expect: [error("key_transition_period_ms", "Invalid value for key_transition_period_ms", "key_transition_period_ms must be a whole number of at least 1800000 (30 minutes)")] },

  // ---- policies ----
  { area: "resource", typeName: "portkeyadmin_usage_limits_policy", mistake: "no conditions", config: { conditions: [] },
    expect: [error("conditions", "Invalid value for conditions", "conditions needs at least one {key, value} (Portkey answers 400 otherwise)")] },
  { area: "resource", typeName: "portkeyadmin_usage_limits_policy", mistake: "group_by a bare metadata field", config: { group_by: [{ key: "user" }] },
    expect: [error("group_by[0].key", "Invalid value for group_by[0].key", "key \"user\" is not a policy key: use \"api_key\", \"workspace_id\", \"organisation_id\" or \"metadata.<field>\" (e.g. \"metadata._user\" for the developer)")] },
  { area: "resource", typeName: "portkeyadmin_usage_limits_policy", mistake: "an alert threshold at the limit", config: { alert_threshold: 100 },
    expect: [error("alert_threshold", "Invalid value for alert_threshold", "alert_threshold (100) must be below credit_limit (100)")] },
  { area: "resource", typeName: "portkeyadmin_usage_limits_policy", mistake: "a daily reset", config: { periodic_reset: "daily" },
    expect: [error("periodic_reset", "Invalid value for periodic_reset", "must be \"monthly\" or \"weekly\" (or remove it for a budget that never resets)")] },
  { area: "resource", typeName: "portkeyadmin_usage_limits_policy", mistake: "a negative budget", config: { credit_limit: -1 },
    expect: [error("credit_limit", "Invalid value for credit_limit", "credit_limit must be at least 0")] },
  { area: "resource", typeName: "portkeyadmin_usage_limits_policy", mistake: "a budget of 10^30", config: { credit_limit: 10n ** 30n },
    expect: [error("credit_limit", "Number out of range for credit_limit", "1000000000000000000000000000000 cannot be held exactly by this provider: use an integer within ±9007199254740991 or a decimal with at most 15 significant digits.")] },
  { area: "resource", typeName: "portkeyadmin_rate_limits_policy", mistake: "a per-second unit", config: { unit: "rps" },
    expect: [error("unit", "Invalid value for unit", "must be \"rpm\", \"rph\" or \"rpd\" (per minute, hour, day)")] },
  { area: "resource", typeName: "portkeyadmin_rate_limits_policy", mistake: "a cost rate limit", config: { type: "cost" },
    expect: [error("type", "Invalid value for type", "must be \"requests\" or \"tokens\" (a cost budget is a portkeyadmin_usage_limits_policy)")] },

  // ---- portkeyadmin_virtual_key ----
  { area: "resource", typeName: "portkeyadmin_virtual_key", mistake: "the project's display name", config: { vertex_project_id: "Acme Claude Prod" },
    expect: [error("vertex_project_id", "Invalid value for vertex_project_id", "vertex_project_id must be a GCP project id (6–30 lowercase letters, digits, hyphens); got \"Acme Claude Prod\"")] },
  {
    area: "resource",
    typeName: "portkeyadmin_virtual_key",
    mistake: "a key file without client_email",
    config: { service_account_json: keyWith({ client_email: undefined }) },
    secret: FAKE_KEY_MATERIAL,
    shown: "service_account_json = <key file without client_email>",
    expect: [error("service_account_json", "Invalid value for service_account_json", "service_account_json lacks \"client_email\": pass the whole key file")],
  },
];
