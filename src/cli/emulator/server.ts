/**
 * The request pipeline: inspection endpoints bypass faults; every other request gets its fault
 * decision first (latency, drop, status, malformed body, perform-then-drop, perform-then-garble,
 * perform-late), then goes to the
 * gateway or the Admin API, and is recorded in the request log.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "../../portkey/log";
import { type AdminContext, handleAdmin, parseJsonBody, requireAdminKey } from "./admin";
import { ApiError } from "./errors";
import { garble, statusFault } from "./fault-replies";
import type { FaultEngine, FaultKind } from "./faults";
import { handleGateway, isGatewayPath } from "./gateway";
import { BodyTooLarge, jsonReply, type Reply, readBody, sendReply, sleep } from "./http";
import { handleInspection, type InspectionTarget } from "./inspection-routes";
import type { RequestRecord, Log } from "./request-log";

export interface ServerContext extends AdminContext, InspectionTarget {
  readonly faultEngine: FaultEngine;
  readonly requests: Log<RequestRecord>;
  readonly logger: Logger;
}

export function requestListener(context: ServerContext): RequestListener {
  return (req, res) => {
    handle(context, req, res).catch((error: unknown) => {
      context.logger.log("error", "emulator: request failed", { error: String(error) });
      if (!res.headersSent) sendReply(res, jsonReply(500, new ApiError(500, "AB04", "Internal error in the emulator.").body()));
      else res.destroy();
    });
  };
}

async function handle(context: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const path = url.pathname;
  const record = (status: number | null, fault?: FaultKind) => {
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    context.requests.add({ method, path, query: url.search, status, durationMs, ...(fault ? { fault } : {}) });
    context.logger.log("debug", `emulator: ${method} ${path} -> ${status ?? "dropped"}`, { durationMs, fault });
  };

  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    sendReply(res, jsonReply(413, new ApiError(413, "AB01", error.message).body(), { connection: "close" }));
    return;
  }

  if (path === "/_emulator" || path.startsWith("/_emulator/")) {
    sendReply(res, inspect(context, req, method, path, body));
    return;
  }

  const gateway = isGatewayPath(method, path);
  const decision = context.faultEngine.decide(method, path);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  const fault = decision.fault;
  if (fault?.kind === "drop") {
    req.socket.destroy();
    record(null, "drop");
    return;
  }
  if (fault?.kind === "status") {
    sendReply(res, statusFault(fault, gateway));
    record(fault.status, "status");
    return;
  }
  if (fault?.kind === "malformed") {
    // A truncated JSON document under a JSON content type: the nastiest kind of "200 but broken".
    sendReply(res, { status: 200, headers: { "content-type": "application/json" }, text: '{"object":"list","data":[{"id":' });
    record(200, "malformed");
    return;
  }

  if (fault?.kind === "performLate") await sleep(fault.ms);
  const reply = gateway
    ? handleGateway({ store: context.store, adminKey: context.adminKey, log: context.gatewayRequests, onChange: context.onChange }, method, path, req.headers, body)
    : handleAdmin(context, method, path, url.searchParams, req.headers, body);
  if (fault?.kind === "dropResponse") {
    req.socket.destroy();
    record(null, "dropResponse");
    return;
  }
  if (fault?.kind === "hang") {
    record(null, "hang");
    const timer = setTimeout(() => req.socket.destroy(), fault.ms ?? HANG_MS);
    timer.unref();
    return;
  }
  if (fault?.kind === "performLate" && (res.destroyed || req.socket.destroyed)) {
    // The client gave up while we waited; the write happened all the same.
    record(null, "performLate");
    return;
  }
  const answer = fault?.kind === "garbled" && reply.status < 300 ? garble(reply, fault.variant) : reply;
  sendReply(res, method === "HEAD" ? { status: answer.status, headers: answer.headers } : answer);
  record(answer.status, fault?.kind === "garbled" || fault?.kind === "performLate" ? fault.kind : undefined);
}

/** How long a `hang` fault holds a performed request unanswered unless told otherwise. */
const HANG_MS = 300_000;

function inspect(context: ServerContext, req: IncomingMessage, method: string, path: string, body: Buffer): Reply {
  try {
    requireAdminKey(req.headers, context.adminKey);
    const json = handleInspection(context, method, path, parseJsonBody(body));
    return jsonReply(200, json);
  } catch (error) {
    if (error instanceof ApiError) return jsonReply(error.status, error.body());
    throw error;
  }
}
