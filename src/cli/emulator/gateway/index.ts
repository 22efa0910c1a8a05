/**
 * The minimal gateway Claude Code talks to (claude-code-gateway.md "Observed with the real
 * client"): `HEAD /` probe, `POST /v1/messages[?beta=true]`, with Portkey's key, routing, model
 * and anthropic-beta checks, and a canned Messages reply. Every request is recorded with its
 * secrets masked.
 */
import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import { isSecretField } from "../../../portkey/redact";
import type { Reply } from "../http";
import { maskSecret } from "../ids";
import { costUsd } from "../limits/prices";
import type { GatewayRequestRecord, Log } from "../request-log";
import type { Store } from "../state/store";
import { authenticate } from "./auth";
import { badRequest, GatewayError, missing } from "./errors";
import { countUsage, enforceLimits, type LimitedRequest } from "./limits";
import { messageEvents, messageJson, replyUsage } from "./messages";
import { requestMetadata } from "./metadata";
import { checkModel } from "./models";
import { type Routing, resolveRouting } from "./routing";

export interface GatewayContext {
  readonly store: Store;
  readonly adminKey: string;
  readonly log: Log<GatewayRequestRecord>;
  /** Called after a served request changed budget counters (persistence). */
  readonly onChange?: () => void;
}

/** Does this request belong to the gateway rather than the Admin API? */
export function isGatewayPath(method: string, path: string): boolean {
  return path === "/" || path === "/v1/messages" || path.startsWith("/v1/v1/") || path.startsWith("/v1/projects/") || (method === "POST" && path === "/v1/chat/completions");
}

const messagesBody = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.unknown()).min(1),
  max_tokens: z.number().int().positive(),
  stream: z.boolean().optional(),
});

const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" };

export function handleGateway(context: GatewayContext, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Reply {
  if (path === "/") return { status: 200, text: method === "HEAD" ? "" : "Portkey emulator gateway\n" };
  let model: string | null = null;
  let stream = false;
  let routing: Routing | undefined;
  let keyInfo: { workspaceId: string | null; apiKeyId: string | null } = { workspaceId: null, apiKeyId: null };
  let reply: Reply;
  try {
    checkPath(method, path);
    const key = authenticate(context.store, headers, context.adminKey);
    keyInfo = { workspaceId: key.workspace_id, apiKeyId: key.id };
    const input = parseBody(body);
    model = input.model;
    stream = input.stream === true;
    routing = resolveRouting(context.store, key, headers);
    const effectiveModel = routing.modelOverride ?? input.model;
    checkModel(effectiveModel, routing.provider, routing.integration);
    checkBetaHeader(routing, headers);
    const workspace = context.store.state.workspaces.find((ws) => ws.id === key.workspace_id);
    const facts = { workspaceId: key.workspace_id, apiKeyId: key.id, metadata: requestMetadata(headers, key, workspace) };
    const limited: LimitedRequest = { key, workspace, routing, facts, maxTokens: input.max_tokens };
    enforceLimits(context.store, limited);
    const replyInput = { model: effectiveModel, providerSlug: routing.provider.slug, inputTokens: Math.ceil(body.length / 4) };
    const usage = replyUsage(replyInput);
    countUsage(context.store, limited, { tokens: usage.inputTokens + usage.outputTokens, costUsd: costUsd(effectiveModel, usage) });
    context.onChange?.();
    const traceId = headers["x-portkey-trace-id"];
    const extra: Record<string, string> = typeof traceId === "string" ? { "x-portkey-trace-id": traceId } : {};
    reply = stream ? { status: 200, headers: { ...SSE_HEADERS, ...extra }, chunks: messageEvents(replyInput) } : { status: 200, headers: extra, json: messageJson(replyInput) };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    reply = error.reply();
  }
  context.log.add({
    method,
    path,
    status: reply.status,
    headers: maskHeaders(headers),
    model,
    stream,
    routing: routing ? { provider: routing.provider.slug, ...(routing.configSlug ? { config: routing.configSlug } : {}) } : null,
    ...keyInfo,
    ...(reply.status >= 400 && reply.json ? { error: JSON.stringify(reply.json) } : {}),
  });
  return reply;
}

function checkPath(method: string, path: string): void {
  if (path.startsWith("/v1/v1/")) {
    throw missing(`Not found: ${path} has a doubled /v1. The base URL must not end in /v1 (Claude Code appends /v1/messages): set ANTHROPIC_BASE_URL to the gateway root.`);
  }
  if (path.startsWith("/v1/projects/")) throw missing("Legacy Vertex mode (:rawPredict paths) is not emulated; use provider-slug mode with /v1/messages.");
  if (path !== "/v1/messages" || method !== "POST") throw missing(`The emulator's gateway serves POST /v1/messages only (got ${method} ${path}).`);
}

function parseBody(body: Buffer): z.infer<typeof messagesBody> {
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("body: not valid JSON.");
  }
  const result = messagesBody.safeParse(raw);
  if (!result.success) {
    throw badRequest(result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; "));
  }
  return result.data;
}

/** Vertex rejects Claude Code's beta flags when a config forwards them untouched. */
function checkBetaHeader(routing: Routing, headers: IncomingHttpHeaders): void {
  const beta = headers["anthropic-beta"];
  const forwarded = routing.forwardHeaders.some((name) => name.toLowerCase() === "anthropic-beta");
  if (forwarded && typeof beta === "string" && routing.provider.ai_provider_name === "vertex-ai") {
    throw badRequest(`Unexpected value(s) \`${beta}\` for the \`anthropic-beta\` header. Please consult our documentation at docs.anthropic.com or try again without the header.`);
  }
}

function maskHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    if (name === "authorization") out[name] = text.replace(/^(Bearer\s+)?(.*)$/i, (_all, prefix: string | undefined, secret: string) => `${prefix ?? ""}${maskSecret(secret)}`);
    else out[name] = isSecretField(name) ? maskSecret(text) : text;
  }
  return out;
}
