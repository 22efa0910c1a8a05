/**
 * Which cases a fault-class file runs. By default each resource type meets a rotating share of
 * the variants per seed (every variant is met by several types), so the suite stays within
 * minutes on a small machine; FAULT_SUITE_FULL=1 runs every variant on every type for every seed.
 */
import { type ResourceType, resourceTypes } from "./all-types-stack";

export const FULL = process.env.FAULT_SUITE_FULL === "1";
/** FAULT_SUITE_TYPES=workspace,api_key narrows a run to some types (debugging). */
export const TYPES: readonly ResourceType[] = process.env.FAULT_SUITE_TYPES ? (process.env.FAULT_SUITE_TYPES.split(",") as ResourceType[]) : resourceTypes;

export function matrix<V>(variants: readonly V[], seeds: readonly number[]): Array<{ type: ResourceType; variant: V; seed: number }> {
  const cases: Array<{ type: ResourceType; variant: V; seed: number }> = [];
  for (const seed of seeds)
    TYPES.forEach((type, index) => {
      const chosen = FULL ? variants : [variants[(index + seed * 3) % variants.length]];
      for (const variant of chosen) cases.push({ type, variant, seed });
    });
  return cases;
}
