/**
 * Attributing the emulator's request log to resource types, and what each operation should
 * cost. Extend both tables when resources land (see team-set.ts).
 */
import { pathMatches } from "../../src/cli/emulator/faults";
import type { RequestRecord } from "../../src/cli/emulator";

export type Operation = "create" | "refresh" | "update" | "destroy";
export const OPERATIONS: readonly Operation[] = ["create", "refresh", "update", "destroy"];

/**
 * Admin API paths (as the emulator logs them) per Terraform resource type; first match wins, so
 * nested paths come before their parents. Entries for resources not merged yet are harmless.
 */
const PATHS: ReadonlyArray<readonly [pattern: string, type: string]> = [
  ["/v1/admin/workspaces/**", "portkeyadmin_workspace"],
  ["/v1/admin/workspaces", "portkeyadmin_workspace"],
  ["/v1/integrations/:slug/workspaces", "portkeyadmin_integration_workspace_access"],
  ["/v1/integrations/:slug/models", "portkeyadmin_integration_models"],
  ["/v1/integrations/**", "portkeyadmin_integration"],
  ["/v1/integrations", "portkeyadmin_integration"],
  ["/v1/providers/**", "portkeyadmin_provider"],
  ["/v1/providers", "portkeyadmin_provider"],
  ["/v1/configs/**", "portkeyadmin_config"],
  ["/v1/configs", "portkeyadmin_config"],
  ["/v1/api-keys/**", "portkeyadmin_api_key"],
  ["/v1/api-keys", "portkeyadmin_api_key"],
  ["/v1/policies/usage-limits/**", "portkeyadmin_usage_limits_policy"],
  ["/v1/policies/usage-limits", "portkeyadmin_usage_limits_policy"],
  ["/v1/policies/rate-limits/**", "portkeyadmin_rate_limits_policy"],
  ["/v1/policies/rate-limits", "portkeyadmin_rate_limits_policy"],
];

export function resourceTypeOf(path: string): string {
  return PATHS.find(([pattern]) => pathMatches(pattern, path))?.[1] ?? "(unattributed)";
}

/**
 * Requests one resource should need per operation: a create is one write plus one read-back
 * (most creates answer with just the id), a refresh one GET, an update one write plus one
 * read-back (PUTs answer `{}`), a destroy one DELETE. Override per type where the API differs.
 */
const DEFAULT_EXPECTED: Readonly<Record<Operation, number>> = { create: 2, refresh: 1, update: 2, destroy: 1 };
const EXPECTED: Readonly<Record<string, Partial<Record<Operation, number>>>> = {
  // POST /admin/workspaces answers with the full workspace object (fact sheet §7.1): no read-back needed.
  portkeyadmin_workspace: { create: 1 },
  // A client-chosen slug: one GET before the create says whether a killed apply left it
  // (src/provider/resources/leftover-lookups.ts; docs/benchmarks.md, "Request budget").
  portkeyadmin_integration: { create: 3 },
  // PUT /integrations/{slug}/workspaces, then the listing (the only read there is). The listing
  // names workspaces by slug (§1.7 #3): the slug is kept in state, and at create it comes free
  // from the workspace this apply just made; only a workspace the provider process has not seen
  // (a literal UUID, an import) costs one GET, once. Destroy is one PUT (`enabled: false`).
  portkeyadmin_integration_workspace_access: { create: 2, update: 2, destroy: 1 },
  // Authoritative allow-list: read the models, PUT the whole list (disabling the unwanted ones),
  // read back. Destroy: read, PUT allow-all (no read-back).
  portkeyadmin_integration_models: { create: 3, update: 3, destroy: 2 },
};

/**
 * Requests an apply needs once, whatever the number of resources: the workspace listing in which
 * a create looks for a workspace a killed apply left (objects inside a workspace the same apply
 * created need no look-up at all).
 */
const PER_APPLY: Readonly<Record<string, Partial<Record<Operation, number>>>> = {
  portkeyadmin_workspace: { create: 1 },
};

/** Requests `instances` resources of `type` need for `operation` in one terraform run. */
export function expectedRequests(type: string, operation: Operation, instances = 1): number {
  if (instances === 0) return 0;
  return instances * (EXPECTED[type]?.[operation] ?? DEFAULT_EXPECTED[operation]) + (PER_APPLY[type]?.[operation] ?? 0);
}

/** Requests after `sinceSeq`, grouped by resource type, each group counted by method. */
export function requestsByType(records: readonly RequestRecord[], sinceSeq: number): Map<string, Map<string, number>> {
  const byType = new Map<string, Map<string, number>>();
  for (const record of records) {
    if (record.seq <= sinceSeq) continue;
    const type = resourceTypeOf(record.path);
    const methods = byType.get(type) ?? new Map<string, number>();
    methods.set(record.method, (methods.get(record.method) ?? 0) + 1);
    byType.set(type, methods);
  }
  return byType;
}

/** The last sequence number in the log (0 when empty): pass it to `requestsByType` later. */
export const lastSeq = (records: readonly RequestRecord[]): number => records.at(-1)?.seq ?? 0;
