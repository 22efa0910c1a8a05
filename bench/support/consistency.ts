/**
 * Is Terraform's state consistent with the emulator after a rough apply? Every resource in state
 * exists in the emulator (nothing missing), every emulator object of a managed kind is in state
 * (no orphans), and no natural key is taken twice (no duplicates).
 */
import type { EmulatorSnapshot, RunningEmulator } from "../../src/cli/emulator";
import { resourceTypes } from "./team-set";
import type { TerraformState } from "./tf-state";

type Collection = "workspaces" | "integrations" | "providers" | "configs" | "apiKeys" | "policies";

/** Where each resource type's objects live in the emulator snapshot; extend when resources land. */
const COLLECTIONS: Readonly<Record<string, Collection>> = {
  portkeyadmin_workspace: "workspaces",
  portkeyadmin_integration: "integrations",
  portkeyadmin_provider: "providers",
  portkeyadmin_config: "configs",
  portkeyadmin_api_key: "apiKeys",
  portkeyadmin_usage_limits_policy: "policies",
  portkeyadmin_rate_limits_policy: "policies",
};

export interface Consistency {
  readonly ok: boolean;
  /** "50 in state, 0 missing, 0 orphans, 0 duplicate groups" */
  readonly summary: string;
}

const refsOf = (item: Record<string, unknown>): string[] => ["id", "slug"].map((k) => item[k]).filter((v): v is string => typeof v === "string");

/** `managedTypes`: the resource types the configuration declares; their emulator collections must hold nothing else. */
export function checkConsistency(state: TerraformState, emulator: RunningEmulator, managedTypes: readonly string[] = resourceTypes()): Consistency {
  const snapshot: EmulatorSnapshot = emulator.snapshot();
  const managed = new Set(managedTypes.map((type) => COLLECTIONS[type]).filter((c): c is Collection => c !== undefined));
  const stateIds = new Set(state.resources.map((r) => r.id).filter((id): id is string => id !== null));
  let missing = 0;
  for (const resource of state.resources) {
    const collection = COLLECTIONS[resource.type];
    if (!collection || resource.id === null) continue;
    if (!snapshot[collection].some((item) => refsOf(item).includes(resource.id ?? ""))) missing++;
  }
  let orphans = 0;
  // An archived policy is what DELETE leaves behind (it still reads back): deleted, not an orphan.
  const live = (item: Record<string, unknown>) => item.status !== "archived";
  for (const collection of managed) orphans += snapshot[collection].filter((item) => live(item) && !refsOf(item).some((ref) => stateIds.has(ref))).length;
  const duplicates = emulator.duplicates().length;
  return {
    ok: missing === 0 && orphans === 0 && duplicates === 0,
    summary: `${state.resources.length} in state, ${missing} missing, ${orphans} orphans, ${duplicates} duplicate groups`,
  };
}
