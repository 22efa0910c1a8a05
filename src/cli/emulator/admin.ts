/**
 * The Admin API half of the server: admin-key check (401 AB05), route match, JSON body, handler.
 * A failing write leaves no trace: the state is restored to what it was before the request.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Logger } from "../../portkey/log";
import { ApiError, invalid, unauthorized } from "./errors";
import { jsonReply, type Reply } from "./http";
import { matchRoute } from "./router";
import { adminRoutes } from "./routes";
import type { Store } from "./state/store";

export interface AdminContext {
  readonly store: Store;
  readonly adminKey: string;
  readonly logger: Logger;
  /** Called after every successful write (persistence). */
  readonly onChange: () => void;
}

export function isAdminKey(headers: IncomingHttpHeaders, adminKey: string): boolean {
  const sent = headers["x-portkey-api-key"];
  if (typeof sent !== "string") return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(adminKey);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function requireAdminKey(headers: IncomingHttpHeaders, adminKey: string): void {
  if (!isAdminKey(headers, adminKey)) throw unauthorized("Invalid or missing API key: send the admin key in the x-portkey-api-key header.");
}

export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw invalid("body: not valid JSON; send Content-Type: application/json with a JSON object.");
  }
}

export function handleAdmin(context: AdminContext, method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders, body: Buffer): Reply {
  const before = method === "GET" ? undefined : structuredClone(context.store.state);
  try {
    requireAdminKey(headers, context.adminKey);
    const { match, pathMatched } = matchRoute(adminRoutes, method, path);
    if (!match) {
      throw pathMatched ? new ApiError(405, "AB02", `Method ${method} is not supported on ${path}.`) : new ApiError(404, "AB08", `No such endpoint: ${method} ${path}.`);
    }
    const json = match.route.handler({ params: match.params, query, body: parseJsonBody(body), store: context.store });
    if (before) context.onChange();
    return jsonReply(200, json);
  } catch (error) {
    if (before) context.store.state = before;
    if (error instanceof ApiError) return jsonReply(error.status, error.body());
    context.logger.log("error", "emulator: unexpected error in an Admin API handler", { method, path, error: String(error) });
    return jsonReply(500, new ApiError(500, "AB04", "Internal error in the emulator.").body());
  }
}
