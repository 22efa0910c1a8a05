/**
 * `doctor --probe`: one small streaming Messages request through the configured gateway, built
 * the way Claude Code builds its own (claude-code-gateway.md "Observed with the real client"):
 * POST <ANTHROPIC_BASE_URL>/v1/messages?beta=true, `Authorization: Bearer <token>` (an
 * apiKeyHelper's output goes out as both Bearer and x-api-key), anthropic-version 2023-06-01,
 * Claude Code's anthropic-beta list, each ANTHROPIC_CUSTOM_HEADERS line as its own header, and
 * the model Claude Code would send (../layers/request-model.ts). It is planned from the
 * effective values (every settings layer over the shell, as Claude Code 2.1.330 merges them),
 * never from the shell alone. Like Claude Code it goes through HTTPS_PROXY / HTTP_PROXY (minus
 * NO_PROXY) when its environment sets them.
 */
import { execFile } from "node:child_process";
import { type Dispatcher, EnvHttpProxyAgent, fetch } from "undici";
import { credentialProblem } from "../../portkey/credential-check";
import { shownUrl } from "../../portkey/url-rules";
import { parseCustomHeaders } from "../../constructs/settings/custom-headers";
import type { ClaudeSettings } from "../../constructs/settings/types";
import type { Origin } from "../layers/effective";
import { type Diagnosis, type DiagnosisHints, diagnose } from "./probe-diagnosis";

/**
 * The betas Claude Code 2.1.330 sends with claude-sonnet-4-6 / claude-opus-4-6, and what is left
 * with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 (observed; the list changes with the model and the
 * version: a Haiku model gets no effort beta, 2.1.197 sent prompt-caching-scope instead).
 */
const BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24";
const BETAS_REDUCED = "claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24";

export interface ProbeRequest {
  readonly url: string;
  readonly model: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Credentials the request carries, to scrub from output. */
  readonly secrets: string[];
}

export type ProbePlan = { readonly request: ProbeRequest } | { readonly skipped: string };

export interface ProbeResult {
  readonly ok: boolean;
  readonly url: string;
  readonly model: string;
  readonly status?: number;
  /** Until the response headers arrived. */
  readonly firstByteMs: number;
  /** Until the whole stream was read. */
  readonly totalMs: number;
  /** The assistant's streamed text (success). */
  readonly text?: string;
  /** The gateway's error message (failure). */
  readonly error?: string;
  readonly diagnosis?: Diagnosis;
}

export interface PlanOptions {
  /** The model ID Claude Code would send (../layers/request-model.ts). */
  readonly model: string;
  /** Where apiKeyHelper comes from: doctor does not run a command a project file brought… */
  readonly helperFrom?: Origin;
  /** …unless told to trust the project's settings (`--trust-project-settings`). */
  readonly trustProject?: boolean;
  /** The environment the helper runs in (./probe-trust.ts). */
  readonly helperEnv: Record<string, string>;
  readonly helperTimeoutMs?: number;
}

/**
 * `env` is the environment Claude Code's process would have (settings files' env over the
 * shell's, ../layers/effective.ts); the helper runs in `options.helperEnv`.
 */
export async function planProbe(settings: ClaudeSettings, env: Record<string, string>, options: PlanOptions): Promise<ProbePlan> {
  if (env.CLAUDE_CODE_USE_VERTEX === "1" && !env.ANTHROPIC_BASE_URL) {
    return { skipped: "legacy Vertex mode (CLAUDE_CODE_USE_VERTEX) sends rawPredict requests; the probe checks provider-slug mode only. Onboard the team's provider-slug settings first." };
  }
  const base = env.ANTHROPIC_BASE_URL;
  if (!base) return { skipped: "ANTHROPIC_BASE_URL is not set, so Claude Code does not use the gateway." };
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "text/event-stream",
    "anthropic-version": "2023-06-01",
    "anthropic-beta": env.CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS === "1" ? BETAS_REDUCED : BETAS,
    "user-agent": "claude-vertex-portkey-doctor (probe; like claude-cli)",
  };
  const proxy = proxyProblem(env);
  if (proxy) return { skipped: proxy };
  const secrets: string[] = [];
  for (const name of ["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY"] as const) {
    const problem = env[name] ? credentialProblem(env[name]) : undefined;
    // The request could not be sent as Claude Code would send it; the bad-credential finding says why.
    if (problem) return { skipped: `${name} ${problem.what}, ${problem.why} (see the bad-credential finding).` };
  }
  for (const header of parseCustomHeaders(env.ANTHROPIC_CUSTOM_HEADERS ?? "").headers) headers[header.name.toLowerCase()] = header.value;
  if (env.ANTHROPIC_AUTH_TOKEN) {
    headers.authorization = `Bearer ${env.ANTHROPIC_AUTH_TOKEN}`;
    secrets.push(env.ANTHROPIC_AUTH_TOKEN);
  }
  if (env.ANTHROPIC_API_KEY) {
    headers["x-api-key"] = env.ANTHROPIC_API_KEY;
    secrets.push(env.ANTHROPIC_API_KEY);
  }
  // Observed with Claude Code 2.1.330: the helper's output goes out as x-api-key, and also as
  // the Bearer token when no ANTHROPIC_AUTH_TOKEN is set (with one, a request carries both keys).
  if (!env.ANTHROPIC_API_KEY && settings.apiKeyHelper) {
    const from = options.helperFrom;
    if (from && (from.source === "project" || from.source === "local") && !options.trustProject) {
      return {
        skipped: `apiKeyHelper comes from ${from.path}, a project file: doctor does not run commands a repository brings (Claude Code would run: ${settings.apiKeyHelper}). Read it; pass --trust-project-settings to run it.`,
      };
    }
    const helped = await runHelper(settings.apiKeyHelper, options.helperEnv, options.helperTimeoutMs);
    if ("failed" in helped) return { skipped: helped.failed };
    headers["x-api-key"] = helped.key;
    if (!headers.authorization) headers.authorization = `Bearer ${helped.key}`;
    secrets.push(helped.key);
  }
  if (!headers.authorization && !headers["x-api-key"]) return { skipped: 'no credential (ANTHROPIC_AUTH_TOKEN or apiKeyHelper): Claude Code would stop at "Not logged in · Please run /login" (2.1.330).' };
  const model = options.model;
  const body = JSON.stringify({ model, max_tokens: 32, stream: true, messages: [{ role: "user", content: "Reply with the single word: ok" }] });
  return { request: { url: `${base.replace(/\/+$/, "")}/v1/messages?beta=true`, model, headers, body, secrets } };
}

function runHelper(command: string, env: Record<string, string>, timeoutMs = 15_000): Promise<{ key: string } | { failed: string }> {
  return new Promise((resolve) => {
    execFile("/bin/sh", ["-c", command], { env, timeout: timeoutMs, encoding: "utf8" }, (error, stdout) => {
      const key = stdout.trim();
      if (error) resolve({ failed: `apiKeyHelper failed (${error.killed ? "timed out" : `exit ${String(error.code)}`}); run it by hand to see why: ${command}` });
      else if (!key) resolve({ failed: `apiKeyHelper printed nothing; it must print the Portkey key: ${command}` });
      else resolve({ key });
    });
  });
}

/** The proxy variables proxyDispatcher reads, in its order: the upper-case name wins. */
const proxyVariables = (env: Readonly<Record<string, string | undefined>>): [string, string][] =>
  [
    ["HTTP_PROXY", env.HTTP_PROXY ?? env.http_proxy] as const,
    ["HTTPS_PROXY", env.HTTPS_PROXY ?? env.https_proxy] as const,
  ].flatMap(([name, value]) => (value ? [[name, value] as [string, string]] : []));

/** Why a proxy variable cannot be used (Claude Code's requests through it would fail too), or undefined. */
export function proxyProblem(env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const [name, value] of proxyVariables(env)) {
    let protocol: string | undefined;
    try {
      protocol = new URL(value).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== "http:" && protocol !== "https:") {
      return `${name} (or its lower-case twin) is ${shownUrl(value)}, not an http(s) proxy URL, so Claude Code's requests through it fail too. Fix: set it to the proxy's URL, e.g. http://proxy.example.com:3128, or unset it.`;
    }
  }
  return undefined;
}

/** A proxy-aware dispatcher from Claude Code's proxy variables (settings files' env over the shell's; never this process's own). */
export function proxyDispatcher(env: Readonly<Record<string, string | undefined>>): Dispatcher | undefined {
  const httpProxy = env.HTTP_PROXY ?? env.http_proxy ?? "";
  const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy ?? "";
  if (!httpProxy && !httpsProxy) return undefined;
  return new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy: env.NO_PROXY ?? env.no_proxy ?? "" });
}

export async function sendProbe(request: ProbeRequest, timeoutMs: number, dispatcher?: Dispatcher, hints: DiagnosisHints = {}): Promise<ProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const base = { url: request.url, model: request.model };
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs), dispatcher });
  } catch (error) {
    const message = networkMessage(error);
    return { ...base, ok: false, firstByteMs: elapsed(), totalMs: elapsed(), error: message, diagnosis: diagnose(undefined, message, hints) };
  }
  const firstByteMs = elapsed();
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const message = networkMessage(error);
    return { ...base, ok: false, status: response.status, firstByteMs, totalMs: elapsed(), error: message, diagnosis: diagnose(undefined, message, hints) };
  }
  const totalMs = elapsed();
  if (response.status !== 200) {
    const error = errorMessage(text) || `HTTP ${response.status}`;
    return { ...base, ok: false, status: response.status, firstByteMs, totalMs, error, diagnosis: diagnose(response.status, error, hints) };
  }
  const stream = readStream(text);
  if ("error" in stream) return { ...base, ok: false, status: 200, firstByteMs, totalMs, error: stream.error, diagnosis: diagnose(stream.status, stream.error, hints) };
  return { ...base, ok: true, status: 200, firstByteMs, totalMs, text: stream.text };
}

/** Text of a Messages SSE stream; it must start with message_start and end with message_stop. */
function readStream(body: string): { text: string } | { error: string; status: number | undefined } {
  const events: { type?: string; delta?: { text?: string }; error?: { message?: string } }[] = [];
  for (const frame of body.split(/\r?\n\r?\n/)) {
    const data = frame
      .split(/\r?\n/)
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).trim())
      .join("\n");
    if (!data) continue;
    try {
      events.push(JSON.parse(data));
    } catch {
      return { error: "the stream carries data that is not JSON", status: 200 };
    }
  }
  const failure = events.find((event) => event.type === "error");
  if (failure) return { error: failure.error?.message ?? "error event in the stream", status: 500 };
  if (events[0]?.type !== "message_start" || events.at(-1)?.type !== "message_stop") {
    return { error: `not a Messages stream (${body.length === 0 ? "empty body" : `starts ${JSON.stringify(body.slice(0, 60))}`})`, status: 200 };
  }
  return { text: events.map((event) => (event.type === "content_block_delta" ? (event.delta?.text ?? "") : "")).join("") };
}

/** Anthropic's `{error:{message}}`, Portkey's `{message}` / `{error:"..."}`, or the raw text. */
function errorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string; type?: string } | string; message?: string };
    if (typeof parsed.error === "object" && parsed.error?.message) return parsed.error.message;
    if (typeof parsed.error === "string") return parsed.error;
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, 300);
}

/** fetch's "fetch failed" hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, timeout). */
function networkMessage(error: unknown): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") return `timeout: ${err.message}`;
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message} (${cause})` : err.message;
}
