/**
 * Who is calling the gateway: a workspace API key with `completions.write` (fact sheet §1.2),
 * sent as `x-portkey-api-key` or `Authorization: Bearer` (claude-code-gateway.md). During a
 * rotation's transition window the previous secret is still accepted.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { ApiKeyRecord } from "../state/records";
import type { Store } from "../state/store";
import { unauthenticated } from "./errors";

export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const portkey = headers["x-portkey-api-key"];
  if (typeof portkey === "string" && portkey) return portkey;
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? "");
  return match?.[1].trim();
}

export function authenticate(store: Store, headers: IncomingHttpHeaders, adminKey: string): ApiKeyRecord {
  const secret = presentedKey(headers);
  if (!secret) throw unauthenticated("No API key: send a Portkey workspace API key as Authorization: Bearer <key> (ANTHROPIC_AUTH_TOKEN) or x-portkey-api-key.");
  if (secret === adminKey) throw unauthenticated("An admin key cannot call the gateway; use a workspace API key with the completions.write scope.");
  const at = store.clock().getTime();
  const key = store.state.apiKeys.find(
    (item) => item.secret === secret || (item.previous_secret === secret && item.previous_expires_at !== null && Date.parse(item.previous_expires_at) > at),
  );
  if (!key) throw unauthenticated("Invalid API key (unknown, deleted, or rotated out after its transition window).");
  if (key.status !== "active" || (key.expires_at !== null && Date.parse(key.expires_at) <= at)) throw unauthenticated(`API key ${key.id} is not active.`);
  if (key.type !== "workspace" || key.workspace_id === null) throw unauthenticated("The gateway needs a workspace API key, not an organisation key.");
  if (!key.scopes.includes("completions.write")) throw unauthenticated(`API key ${key.id} lacks the completions.write scope.`);
  return key;
}
