/**
 * The provider block's settings, each from its attribute or else its environment variable, held
 * to one set of rules whichever way it came: a bad value is a diagnostic that names where it came
 * from (`base_url` or PORTKEY_BASE_URL, …), what is wrong and the fix, before any request is
 * sent. Secrets are never echoed; other values only when short enough not to be a misplaced key.
 */
import { credentialProblem } from "../portkey/credential-check";
import { adminUrlProblem, type UrlProblem } from "../portkey/url-rules";

export const DEFAULT_BASE_URL = "https://api.portkey.ai/v1";
export const DEFAULT_MAX_RETRIES = 4;
export const MAX_RETRIES = 20;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MIN_TIMEOUT_MS = 100;
/**
 * The client stops one call (every attempt and every wait) after 2 minutes (retry-policy.ts,
 * maxTotalMs), so a longer attempt timeout could never take effect; Node's timers also overflow
 * above 2^31 ms and would fire at once.
 */
export const MAX_TIMEOUT_MS = 120_000;
/** An hour: longer than any platform apply (GCP API enablement, key, integrations) should take. */
export const MAX_INTEGRATION_WAIT_SECONDS = 3600;

export interface ProviderConfigValues {
  readonly api_key: string | null;
  readonly base_url: string | null;
  readonly max_retries: number | null;
  readonly request_timeout_ms: number | null;
  readonly wait_for_integration_seconds: number | null;
}

export interface ProviderSettings {
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly integrationWaitSeconds: number;
}

export interface SettingProblem {
  /** The attribute the setting belongs to (Terraform points at the provider block). */
  readonly attribute: keyof ProviderConfigValues;
  readonly summary: string;
  readonly detail: string;
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;

// ---- the rules, shared by the attribute validators and ConfigureProvider ----

export function apiKeyProblem(key: string, source: string): string | undefined {
  const problem = credentialProblem(key);
  if (!problem) return undefined;
  const example =
    source === "api_key" ? 'e.g. api_key = trimspace(file("portkey-admin-key.txt"))' : `e.g. export ${source}="$(tr -d '\\r\\n' < portkey-admin-key.txt)"`;
  return `${source} ${problem.what}, ${problem.why}, so nothing was sent. Fix: ${problem.fix} (${example}).`;
}

const urlMessage = (source: string, problem: UrlProblem) => `${source}: ${problem.what}. Fix: ${problem.fix}`;

export function baseUrlProblem(url: string, source: string): string | undefined {
  const problem = adminUrlProblem(url);
  return problem && urlMessage(source, problem);
}

export function maxRetriesProblem(n: number): string | undefined {
  return Number.isInteger(n) && n >= 0 && n <= MAX_RETRIES ? undefined : `max_retries must be a whole number from 0 to ${MAX_RETRIES}`;
}

export function timeoutProblem(n: number): string | undefined {
  if (Number.isInteger(n) && n >= MIN_TIMEOUT_MS && n <= MAX_TIMEOUT_MS) return undefined;
  return `request_timeout_ms must be a whole number from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS} (2 minutes: one call, every attempt and wait included, ends after 2 minutes anyway)`;
}

export function integrationWaitProblem(n: number): string | undefined {
  if (Number.isInteger(n) && n >= 0 && n <= MAX_INTEGRATION_WAIT_SECONDS) return undefined;
  return `wait_for_integration_seconds must be a whole number of seconds from 0 to ${MAX_INTEGRATION_WAIT_SECONDS}`;
}

/** An environment value as quoted in a message: only when it is short and plain (never a misplaced key). */
function shownEnvValue(value: string): string {
  return /^[\w.+ -]{1,16}$/.test(value) ? JSON.stringify(value) : `a ${value.length}-character value`;
}

function retriesFromEnv(raw: string): number | string {
  const name = "PORTKEY_MAX_RETRIES";
  const fix = `Fix: set a whole number from 0 to ${MAX_RETRIES} (the retries after the first attempt, like max_retries), or unset it for the default, ${DEFAULT_MAX_RETRIES}.`;
  if (!/^\s*\d+\s*$/.test(raw)) return `${name} is ${shownEnvValue(raw)}, not a whole number of retries. ${fix}`;
  const n = Number(raw.trim());
  if (n > MAX_RETRIES) return `${name} is ${n}: at most ${MAX_RETRIES} retries are allowed, as for max_retries (each waits up to 5 s and a call ends after 2 minutes anyway). ${fix}`;
  return n;
}

function integrationWaitFromEnv(raw: string): number | string {
  const name = "PORTKEY_WAIT_FOR_INTEGRATION_SECONDS";
  const fix = `Fix: set a whole number of seconds from 0 to ${MAX_INTEGRATION_WAIT_SECONDS}, like wait_for_integration_seconds, or unset it (no waiting).`;
  if (!/^\s*\d+\s*$/.test(raw)) return `${name} is ${shownEnvValue(raw)}, not a whole number of seconds. ${fix}`;
  const n = Number(raw.trim());
  return n > MAX_INTEGRATION_WAIT_SECONDS ? `${name} is ${n}: at most ${MAX_INTEGRATION_WAIT_SECONDS} seconds. ${fix}` : n;
}

// ---- resolution ----

/**
 * The settings the client is built with, or the problems that stop it. Attribute values have
 * passed their validators already (Terraform validates before it configures); environment
 * values are checked here, the one place they are read. An empty variable counts as unset.
 */
export function resolveProviderSettings(config: ProviderConfigValues, env: Readonly<Record<string, string | undefined>>): { settings?: ProviderSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];

  const apiKey = config.api_key ?? (env.PORTKEY_API_KEY || null);
  if (apiKey === null || apiKey === "") {
    problems.push({ attribute: "api_key", summary: "Missing Portkey Admin API key", detail: "Set api_key in the provider block or the PORTKEY_API_KEY environment variable to an Admin API key." });
  } else {
    const source = config.api_key === null ? "PORTKEY_API_KEY" : "api_key";
    const problem = apiKeyProblem(apiKey, source);
    if (problem) problems.push({ attribute: "api_key", summary: "Invalid Portkey Admin API key", detail: problem });
  }

  const baseUrl = config.base_url ?? (env.PORTKEY_BASE_URL || DEFAULT_BASE_URL);
  const urlSource = config.base_url === null ? "PORTKEY_BASE_URL" : "base_url";
  const urlProblem = baseUrlProblem(baseUrl, urlSource);
  if (urlProblem) problems.push({ attribute: "base_url", summary: `Invalid ${urlSource}`, detail: sentence(urlProblem) });

  let maxRetries = config.max_retries ?? DEFAULT_MAX_RETRIES;
  if (config.max_retries === null && env.PORTKEY_MAX_RETRIES) {
    const fromEnv = retriesFromEnv(env.PORTKEY_MAX_RETRIES);
    if (typeof fromEnv === "string") problems.push({ attribute: "max_retries", summary: "Invalid PORTKEY_MAX_RETRIES", detail: fromEnv });
    else maxRetries = fromEnv;
  }

  const timeoutMs = config.request_timeout_ms ?? DEFAULT_TIMEOUT_MS;

  let integrationWaitSeconds = config.wait_for_integration_seconds ?? 0;
  if (config.wait_for_integration_seconds === null && env.PORTKEY_WAIT_FOR_INTEGRATION_SECONDS) {
    const fromEnv = integrationWaitFromEnv(env.PORTKEY_WAIT_FOR_INTEGRATION_SECONDS);
    if (typeof fromEnv === "string") problems.push({ attribute: "wait_for_integration_seconds", summary: "Invalid PORTKEY_WAIT_FOR_INTEGRATION_SECONDS", detail: fromEnv });
    else integrationWaitSeconds = fromEnv;
  }

  if (problems.length > 0 || apiKey === null) return { problems };
  return { settings: { apiKey, baseUrl, maxRetries, timeoutMs, integrationWaitSeconds }, problems };
}
