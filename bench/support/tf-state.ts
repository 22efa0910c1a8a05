/** The parts of a Terraform state file (format v4) the benchmarks read: addresses, ids and dependencies. */
import { z } from "zod";

const stateFile = z.object({
  resources: z
    .array(
      z.object({
        mode: z.string(),
        type: z.string(),
        name: z.string(),
        instances: z.array(
          z.object({
            attributes: z.looseObject({ id: z.string().nullable().optional() }),
            dependencies: z.array(z.string()).optional(),
          }),
        ),
      }),
    )
    .default([]),
});

export interface StateResource {
  /** `type.name` (the benchmarks never use count or for_each). */
  readonly address: string;
  readonly type: string;
  readonly id: string | null;
  /** Addresses this resource depends on, as Terraform recorded them. */
  readonly dependencies: readonly string[];
}

export interface TerraformState {
  readonly resources: readonly StateResource[];
}

export function parseState(json: string): TerraformState {
  const parsed = stateFile.parse(JSON.parse(json));
  return {
    resources: parsed.resources
      .filter((r) => r.mode === "managed")
      .flatMap((r) =>
        r.instances.map((instance) => ({
          address: `${r.type}.${r.name}`,
          type: r.type,
          id: instance.attributes.id ?? null,
          dependencies: instance.dependencies ?? [],
        })),
      ),
  };
}

/**
 * The longest chain through the dependency graph, each resource weighted by `weight(type)`
 * (e.g. the requests its create sends one after another). Dependencies of a resource run
 * before it; independent resources can run in parallel.
 */
export function criticalPath(state: TerraformState, weight: (type: string) => number): number {
  const byAddress = new Map(state.resources.map((r) => [r.address, r]));
  const memo = new Map<string, number>();
  const longest = (address: string, seen: Set<string>): number => {
    const known = memo.get(address);
    if (known !== undefined) return known;
    const resource = byAddress.get(address);
    if (!resource || seen.has(address)) return 0;
    seen.add(address);
    const before = Math.max(0, ...resource.dependencies.map((dep) => longest(dep, seen)));
    seen.delete(address);
    const total = before + weight(resource.type);
    memo.set(address, total);
    return total;
  };
  return Math.max(0, ...state.resources.map((r) => longest(r.address, new Set())));
}
