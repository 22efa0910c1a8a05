/**
 * Sliding-window rate counters, in memory only: a rate window is at most a week long and
 * Portkey's own counters live in a cache, so a restarted emulator starts its windows empty
 * (budgets, which persist, live in budgets.ts). Portkey's docs call the window sliding
 * ("recover on their own"); one changelog says fixed. The emulator slides (docs/emulator-limits.md).
 */
export type RateUnit = "rps" | "rpm" | "rph" | "rpd" | "rpw";

const WINDOW_MS: Record<RateUnit, number> = { rps: 1_000, rpm: 60_000, rph: 3_600_000, rpd: 86_400_000, rpw: 604_800_000 };

export const isRateUnit = (value: unknown): value is RateUnit => typeof value === "string" && value in WINDOW_MS;

interface Hit {
  readonly at: number;
  readonly amount: number;
}

export class RateWindows {
  private readonly hits = new Map<string, Hit[]>();

  /** What `key` has used in the window of `unit` ending at `now`. */
  used(key: string, unit: RateUnit, now: Date): number {
    const since = now.getTime() - WINDOW_MS[unit];
    return (this.hits.get(key) ?? []).reduce((sum, hit) => (hit.at > since ? sum + hit.amount : sum), 0);
  }

  add(key: string, amount: number, now: Date): void {
    const list = this.hits.get(key) ?? [];
    // Nothing older than the longest window can matter again.
    const keep = list.filter((hit) => hit.at > now.getTime() - WINDOW_MS.rpw);
    keep.push({ at: now.getTime(), amount });
    this.hits.set(key, keep);
  }

  clear(): void {
    this.hits.clear();
  }
}
