/**
 * The `/_emulator/` HTTP endpoints (admin key required, like the Admin API):
 *   GET  /_emulator/state             state dump, secrets masked
 *   GET  /_emulator/counts            object counts
 *   GET  /_emulator/duplicates        duplicates by natural key
 *   GET  /_emulator/requests          request log (method, path, status, durationMs, fault)
 *   GET  /_emulator/gateway-requests  gateway log (masked headers, model, routing, status)
 *   GET  /_emulator/faults            current fault profile
 *   PUT  /_emulator/faults            replace the fault profile (body: FaultProfile)
 *   POST /_emulator/reset             forget all objects, logs and faults
 *   GET  /_emulator/members           users, invites and workspace memberships
 *   POST /_emulator/invites/{id}/accept  play the invited developer: accept the invite, making
 *                                     the user and their memberships (body: {first_name?, last_name?})
 */
import { ApiError, validationError } from "./errors";
import { type FaultProfile, faultProfileSchema } from "./faults";
import { counts, duplicates, membersSnapshot, snapshot } from "./inspection";
import type { Json } from "./json";
import type { GatewayRequestRecord, Log, RequestRecord } from "./request-log";
import { acceptInvite } from "./state/members";
import type { Store } from "./state/store";

export interface InspectionTarget {
  readonly store: Store;
  readonly requests: Log<RequestRecord>;
  readonly gatewayRequests: Log<GatewayRequestRecord>;
  faults(): FaultProfile;
  setFaults(profile: FaultProfile): void;
  reset(): void;
  /** Save the state after a change made here (the Admin API routes save on their own). */
  persist?(): void;
}

const asJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

export function handleInspection(target: InspectionTarget, method: string, path: string, body: unknown): Json {
  const action = `${method} ${path.replace(/\/+$/, "")}`;
  const accept = /^POST \/_emulator\/invites\/([^/]+)\/accept$/.exec(action);
  if (accept) {
    const names = (body ?? {}) as { first_name?: unknown; last_name?: unknown };
    const text = (value: unknown) => (typeof value === "string" ? value : undefined);
    const person = acceptInvite(target.store, decodeURIComponent(accept[1]), { first_name: text(names.first_name), last_name: text(names.last_name) });
    target.persist?.();
    return asJson(person);
  }
  switch (action) {
    case "GET /_emulator/state":
      return asJson(snapshot(target.store));
    case "GET /_emulator/counts":
      return asJson(counts(target.store));
    case "GET /_emulator/duplicates":
      return asJson(duplicates(target.store));
    case "GET /_emulator/requests":
      return asJson(target.requests.all());
    case "GET /_emulator/gateway-requests":
      return asJson(target.gatewayRequests.all());
    case "GET /_emulator/members":
      return asJson(membersSnapshot(target.store));
    case "GET /_emulator/faults":
      return asJson(target.faults());
    case "PUT /_emulator/faults": {
      const parsed = faultProfileSchema.safeParse(body);
      if (!parsed.success) throw validationError(parsed.error);
      target.setFaults(body as FaultProfile);
      return {};
    }
    case "POST /_emulator/reset":
      target.reset();
      return {};
    default:
      throw new ApiError(404, "AB08", `No inspection endpoint ${action}; see GET /_emulator/state, /counts, /duplicates, /requests, /gateway-requests, /faults, /members, POST /invites/{id}/accept.`);
  }
}
