/**
 * A create that timed out may still be performed by the server after the client gave up: the
 * look-up before the re-send finds nothing, the re-send creates, and the late one lands later
 * as a twin nobody knows about (issue 13, class 4). So after any create that followed a
 * timed-out attempt, wait a little, list the objects with the create's natural key once more,
 * and delete those that were neither ours nor there at the look-up before the re-send.
 * A create performed later still than this wait cannot be caught without an idempotency key
 * (docs/provider.md says so and how to find such a twin).
 */
import type { Transport } from "./transport";

/** Every object carrying a create's natural key (same name, kind and workspace). */
export interface SameKey<Existing> {
  list(signal?: AbortSignal): Promise<Existing[]>;
  idOf(existing: Existing): string;
  remove(id: string): Promise<void>;
}

/** The wait before looking again: the request timeout, at most this (the rare path's cost). */
export const MAX_SETTLE_MS = 5_000;

export interface TwinCheck<Existing> {
  readonly what: string;
  readonly sameKey: SameKey<Existing>;
  /** The object the create settled on (made or adopted). */
  readonly ours: string;
  /** Ids seen at the look-ups before re-sends: objects that predate the late attempt. */
  readonly seen: ReadonlySet<string>;
  readonly signal?: AbortSignal;
}

/** Returns the ids of the twins removed; a twin that could not be removed is logged with its id. */
export async function removeLateTwins<Existing>(transport: Transport, check: TwinCheck<Existing>): Promise<string[]> {
  const { what, sameKey, ours, seen, signal } = check;
  const fields = { what, ours };
  try {
    await transport.pause(Math.min(transport.requestTimeoutMs, MAX_SETTLE_MS), signal);
  } catch {
    transport.log("warn", "portkey create: cancelled before checking for a twin made by a timed-out attempt; list the objects of this name to be sure", fields);
    return [];
  }
  let same: Existing[];
  try {
    same = await sameKey.list(signal);
  } catch (error) {
    transport.log("warn", "portkey create: could not check for a twin made by a timed-out attempt; list the objects of this name to be sure", { ...fields, reason: String(error) });
    return [];
  }
  const removed: string[] = [];
  for (const twin of same.map((item) => sameKey.idOf(item)).filter((id) => id !== ours && !seen.has(id))) {
    try {
      await sameKey.remove(twin);
      removed.push(twin);
      transport.log("warn", "portkey create: deleted a twin that a timed-out attempt made after the client gave up", { ...fields, twin });
    } catch (error) {
      transport.log("error", "portkey create: a timed-out attempt made a twin that could not be deleted: delete it in Portkey", { ...fields, twin, reason: String(error) });
    }
  }
  return removed;
}
