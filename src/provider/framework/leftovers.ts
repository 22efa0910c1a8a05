/**
 * Objects a killed apply left behind (issue 13, class 3). Terraform killed with SIGKILL
 * between a create and its state write leaves an object that no state knows; the Admin API has
 * no idempotency key, so the next apply would create it again. Before a create, a resource may
 * name such a leftover (same natural key, not touched by this process); it is adopted only when
 * what Portkey holds matches the plan, attribute by attribute, and then brought fully to the
 * plan (write-only values and secrets included) by the resource's own update (an API key, whose
 * secret nobody holds, is replaced). A leftover that
 * differs stops the create with an error naming it, the import command and the alternative.
 */
import type { CtyObjectValue, CtyType } from "../cty";
import type { Attributes, Model } from "./attributes";
import type { ResourceContext, ResourceDefinition } from "./definition";
import { formatPath } from "./diagnostics";
import { mergeResult } from "./dynamic-value";
import { checkApplied } from "./invariants";
import { withoutWriteOnly } from "./plan";

/** What one provider process remembers between resource calls. */
export class ProcessMemory {
  /** `type id` of every object this process created, adopted, updated or deleted: never a leftover. */
  private readonly handled = new Set<string>();
  /** Listings taken for leftover look-ups: one per key per process (a create does not change what predates it). */
  private readonly listings = new Map<string, Promise<unknown>>();
  /** Workspaces this process created itself: nothing in them can predate this process. */
  private readonly fresh = new Set<string>();

  handle(typeName: string, ...ids: unknown[]): void {
    for (const id of ids) if (typeof id === "string" && id !== "") this.handled.add(`${typeName} ${id}`);
  }

  isHandled(typeName: string, id: string): boolean {
    return this.handled.has(`${typeName} ${id}`);
  }

  /** The listing under `key`, taken once (a failed one is forgotten, so a later create may retry it). */
  listing<T>(key: string, take: () => Promise<T>): Promise<T> {
    let pending = this.listings.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = take();
      this.listings.set(key, pending);
      pending.catch(() => this.listings.delete(key));
    }
    return pending;
  }

  markFresh(...workspaceIds: unknown[]): void {
    for (const id of workspaceIds) if (typeof id === "string" && id !== "") this.fresh.add(id);
  }

  isFresh(workspaceId: string | null | undefined): boolean {
    return typeof workspaceId === "string" && this.fresh.has(workspaceId);
  }
}

/**
 * Pick the one leftover among `candidates` (same natural key), skipping what this process handled.
 * Several: an error naming them, since adopting one would be a guess.
 */
export function oneLeftover<T>(ctx: ResourceContext<unknown>, what: string, candidates: readonly T[], idOf: (item: T) => string): T | undefined {
  const unhandled = candidates.filter((item) => !ctx.memory.isHandled(ctx.typeName, idOf(item)));
  if (unhandled.length <= 1) return unhandled[0];
  const ids = unhandled.map(idOf).join(", ");
  throw new Error(
    `${what} exists ${unhandled.length} times in Portkey (${ids}) and none is in this configuration's state: an interrupted apply or another tool made them. Keep one with \`terraform import <this resource's address> <id>\` and delete the others in Portkey, then apply again.`,
  );
}

/**
 * The create step for a resource that can find leftovers: adopt one that matches the plan, or
 * undefined to create. Throws (the create fails, nothing is made) when a leftover differs.
 */
export async function adoptLeftover<S extends Attributes, C>(
  definition: ResourceDefinition<S, C>,
  type: CtyType,
  attributes: S,
  plannedValue: CtyObjectValue,
  model: Model<S>,
  ctx: ResourceContext<C>,
): Promise<Partial<Model<S>> | undefined> {
  if (!definition.findLeftover) return undefined;
  const found = await definition.findLeftover(model, ctx);
  if (found === undefined) return undefined;
  // Planned values under the leftover's identity, then what Portkey holds laid over them: values
  // the API never returns (write-only inputs, version strings) stay as planned.
  const base = mergeResult(model as CtyObjectValue, found.state) as Model<S>;
  const current = await definition.read(base, ctx);
  if (current === null) return undefined;
  const candidate = mergeResult(base as CtyObjectValue, current);
  // Write-only values are null in the plan and cannot be read back: compared nowhere, sent by the update.
  const differing = checkApplied(type, plannedValue, withoutWriteOnly(attributes, candidate)).map((violation) => formatPath(violation.path) || "the object");
  if (differing.length > 0) {
    throw new Error(
      `${found.what} (${found.id}) already exists in Portkey but not in this configuration's state, and differs from the configuration in ${[...new Set(differing)].join(", ")}: an interrupted apply left it with older settings, or it is not this configuration's. Import it with \`terraform import <this resource's address> ${found.id}\` (the next apply updates it), or delete it in Portkey, then apply again.`,
    );
  }
  ctx.memory.handle(ctx.typeName, found.id);
  ctx.diagnostics.warning(
    "Adopted an object left by an interrupted apply",
    `${found.what} (${found.id}) existed in Portkey with exactly the planned settings but in no state, as a create whose apply was killed before Terraform recorded it leaves it. It was adopted instead of creating a duplicate${definition.typeName === "portkeyadmin_api_key" ? "; its secret was lost with that apply, so the key was replaced by a new one (the lost secret stops at once)" : ""}.`,
  );
  ctx.log.log("warn", `${ctx.typeName}: adopted an object left by an interrupted apply`, { id: found.id });
  return definition.update({ planned: model, prior: candidate as Model<S>, adopted: true }, ctx);
}
