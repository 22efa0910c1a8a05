/**
 * The replies of the answer-shaping faults: an injected error status (Admin API body, HTML page
 * or nothing), and a performed request's 2xx answer garbled into a body the client cannot use.
 */
import { ApiError, type ErrorCode } from "./errors";
import type { Fault, GarbledVariant } from "./faults";
import { jsonReply, type Reply } from "./http";
import type { Json } from "./json";

const STATUS_CODES: Record<number, ErrorCode> = { 401: "AB05", 402: "AB09", 403: "AB03", 404: "AB08", 409: "AB07", 429: "AB06" };

const HTML_PAGE = "<!DOCTYPE html><html><head><title>Gateway</title></head><body><h1>Something went wrong</h1></body></html>";

export function statusFault(fault: Extract<Fault, { kind: "status" }>, gateway: boolean): Reply {
  const { status } = fault;
  const retryAfter = fault.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
  if (fault.envelope === "empty") return { status, headers, text: "" };
  if (fault.envelope === "html") return { status, headers: { ...headers, "content-type": "text/html" }, text: HTML_PAGE };
  const message = fault.message ?? `Injected fault: HTTP ${status}.`;
  if (gateway) {
    const type = status === 429 ? "rate_limit_error" : status >= 500 ? "api_error" : "invalid_request_error";
    return jsonReply(status, { type: "error", error: { type, message } }, headers);
  }
  const code = (fault.code ?? STATUS_CODES[status] ?? (status >= 500 ? "AB04" : "AB01")) as ErrorCode;
  return jsonReply(status, new ApiError(status, code, message).body(), headers);
}

/** The route's own reply with its body replaced by `variant`; the status stays the route's. */
export function garble(reply: Reply, variant: GarbledVariant): Reply {
  const { status } = reply;
  const real = reply.json ?? null;
  switch (variant) {
    case "html":
      return { status, headers: { "content-type": "text/html" }, text: HTML_PAGE };
    case "empty":
      return { status, headers: { "content-type": "application/json" }, text: "" };
    case "null":
      return jsonReply(status, null);
    case "array":
      return jsonReply(status, []);
    case "truncated": {
      const text = JSON.stringify(real);
      return { status, headers: { "content-type": "application/json" }, text: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
    }
    case "no-id":
      return jsonReply(status, rewriteIds(real, () => undefined));
    case "wrong-types":
      return jsonReply(status, rewriteIds(real, (value, key) => (key === "id" ? 12345 : { value })));
  }
}

const ID_KEYS = new Set(["id", "slug"]);

/** Every `id`/`slug` at any depth removed (`undefined`) or replaced; other fields untouched. */
function rewriteIds(value: Json, replace: (value: Json, key: string) => Json | undefined): Json {
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    const out: Record<string, Json> = {};
    for (const [key, child] of Object.entries(node)) {
      if (ID_KEYS.has(key)) {
        const replaced = replace(child as Json, key);
        if (replaced !== undefined) out[key] = replaced;
      } else out[key] = walk(child as Json);
    }
    return out;
  };
  return walk(value);
}
