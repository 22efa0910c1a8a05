/**
 * When a budget's counter starts over (portkey-admin-api.md §2.1): `monthly` on the 1st at
 * 00:00 UTC, `weekly` at 00:00 UTC on the week's first day, `periodic_reset_days: N` every N
 * days counted from when the counter began, none = cumulative. Portkey's docs put the weekly
 * boundary on Sunday for keys, workspaces and integrations but on Monday for usage-limits
 * policies (fact sheet §12, open question), so the caller says which day starts the week.
 */
const DAY_MS = 86_400_000;

export type ResetRule =
  | { readonly kind: "none" }
  | { readonly kind: "monthly" }
  | { readonly kind: "weekly"; readonly weekStartsOn: 0 | 1 }
  | { readonly kind: "days"; readonly days: number };

export type WeekStart = 0 | 1;
export const SUNDAY: WeekStart = 0;
export const MONDAY: WeekStart = 1;

/** The rule a `usage_limits` object (or a usage-limits policy's fields) describes. */
export function resetRuleOf(limits: { periodic_reset?: unknown; periodic_reset_days?: unknown }, weekStartsOn: WeekStart): ResetRule {
  if (limits.periodic_reset === "monthly") return { kind: "monthly" };
  if (limits.periodic_reset === "weekly") return { kind: "weekly", weekStartsOn };
  const days = Number(limits.periodic_reset_days);
  if (Number.isInteger(days) && days >= 1) return { kind: "days", days };
  return { kind: "none" };
}

/** Start of the period that contains `now`; `anchor` is when counting began (for `days`). */
export function periodStart(rule: ResetRule, anchor: Date, now: Date): Date | undefined {
  switch (rule.kind) {
    case "none":
      return undefined;
    case "monthly":
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    case "weekly": {
      const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      const back = (now.getUTCDay() - rule.weekStartsOn + 7) % 7;
      return new Date(midnight - back * DAY_MS);
    }
    case "days": {
      const span = rule.days * DAY_MS;
      const elapsed = Math.max(0, now.getTime() - anchor.getTime());
      return new Date(anchor.getTime() + Math.floor(elapsed / span) * span);
    }
  }
}

/** When the period containing `now` ends, or undefined for a cumulative budget. */
export function nextReset(rule: ResetRule, anchor: Date, now: Date): Date | undefined {
  const start = periodStart(rule, anchor, now);
  if (!start) return undefined;
  if (rule.kind === "monthly") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  if (rule.kind === "weekly") return new Date(start.getTime() + 7 * DAY_MS);
  if (rule.kind === "days") return new Date(start.getTime() + rule.days * DAY_MS);
  return undefined;
}

/**
 * Has a counter last zeroed at `since` crossed a boundary by `now`? Returns the boundary it
 * crossed (the new period's start), which becomes its `last_reset_at`.
 */
export function crossedBoundary(rule: ResetRule, anchor: Date, since: Date, now: Date): Date | undefined {
  const start = periodStart(rule, anchor, now);
  return start && start.getTime() > since.getTime() ? start : undefined;
}
