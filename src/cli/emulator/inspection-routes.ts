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
 */
import { ApiError, validationError } from "./errors";
import { type FaultProfile, faultProfileSchema } from "./faults";
import type { Json } from "./json";
import { counts, duplicates, snapshot } from "./inspection";
import type { GatewayRequestRecord, Log, RequestRecord } from "./request-log";
import type { Store } from "./state/store";

export interface InspectionTarget {
  readonly store: Store;
  readonly requests: Log<RequestRecord>;
  readonly gatewayRequests: Log<GatewayRequestRecord>;
  faults(): FaultProfile;
  setFaults(profile: FaultProfile): void;
  reset(): void;
}

const asJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

export function handleInspection(target: InspectionTarget, method: string, path: string, body: unknown): Json {
  const action = `${method} ${path.replace(/\/+$/, "")}`;
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
      throw new ApiError(404, "AB08", `No inspection endpoint ${action}; see GET /_emulator/state, /counts, /duplicates, /requests, /gateway-requests, /faults.`);
  }
}
