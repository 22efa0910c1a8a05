/**
 * The arithmetic under budgets: where a period starts and ends (monthly on the 1st, weekly on
 * the week's first day, every N days from the anchor, all UTC), and the per-model price table.
 */
import { nextReset, periodStart, resetRuleOf, SUNDAY, MONDAY } from "../../src/cli/emulator/limits/periods";
import { costUsd, FALLBACK_PRICE, priceOf } from "../../src/cli/emulator/limits/prices";

const at = (iso: string) => new Date(iso);
const iso = (date: Date | undefined) => date?.toISOString();

describe("periods", () => {
  const anchor = at("2026-02-27T08:30:00Z");
  it("monthly: from the 1st 00:00 UTC to the next 1st, across a year end", () => {
    const rule = resetRuleOf({ periodic_reset: "monthly" }, SUNDAY);
    expect(iso(periodStart(rule, anchor, at("2026-03-31T23:59:59Z")))).toBe("2026-03-01T00:00:00.000Z");
    expect(iso(nextReset(rule, anchor, at("2026-12-15T00:00:00Z")))).toBe("2027-01-01T00:00:00.000Z");
  });

  it("weekly: Sunday for keys and workspaces, Monday for policies", () => {
    const tuesday = at("2026-03-10T12:00:00Z");
    expect(iso(periodStart(resetRuleOf({ periodic_reset: "weekly" }, SUNDAY), anchor, tuesday))).toBe("2026-03-08T00:00:00.000Z");
    expect(iso(periodStart(resetRuleOf({ periodic_reset: "weekly" }, MONDAY), anchor, tuesday))).toBe("2026-03-09T00:00:00.000Z");
    const sunday = at("2026-03-15T05:00:00Z");
    expect(iso(periodStart(resetRuleOf({ periodic_reset: "weekly" }, MONDAY), anchor, sunday))).toBe("2026-03-09T00:00:00.000Z");
    expect(iso(nextReset(resetRuleOf({ periodic_reset: "weekly" }, SUNDAY), anchor, sunday))).toBe("2026-03-22T00:00:00.000Z");
  });

  it("every N days: counted from the anchor", () => {
    const rule = resetRuleOf({ periodic_reset_days: 10 }, SUNDAY);
    expect(iso(periodStart(rule, anchor, at("2026-03-09T08:29:59Z")))).toBe("2026-02-27T08:30:00.000Z");
    expect(iso(periodStart(rule, anchor, at("2026-03-09T08:30:00Z")))).toBe("2026-03-09T08:30:00.000Z");
    expect(iso(nextReset(rule, anchor, at("2026-03-09T08:30:00Z")))).toBe("2026-03-19T08:30:00.000Z");
  });

  it("none: a cumulative budget never resets", () => {
    const rule = resetRuleOf({ periodic_reset: null }, SUNDAY);
    expect(periodStart(rule, anchor, at("2030-01-01T00:00:00Z"))).toBeUndefined();
    expect(nextReset(rule, anchor, at("2030-01-01T00:00:00Z"))).toBeUndefined();
  });
});

describe("prices", () => {
  it("matches a model by family with or without its date, longest family first", () => {
    expect(priceOf("claude-sonnet-4-5@20250929")).toEqual({ inputPerMillion: 3, outputPerMillion: 15 });
    expect(priceOf("claude-opus-4-5-20251101")).toEqual({ inputPerMillion: 5, outputPerMillion: 25 });
    expect(priceOf("claude-opus-4-1@20250805")).toEqual({ inputPerMillion: 15, outputPerMillion: 75 });
    expect(priceOf("claude-haiku-4-5@20251001")).toEqual({ inputPerMillion: 1, outputPerMillion: 5 });
    expect(priceOf("gemini-2.5-pro")).toBe(FALLBACK_PRICE);
  });

  it("prices input and output tokens apart", () => {
    expect(costUsd("claude-haiku-4-5", { inputTokens: 1_000_000, outputTokens: 200_000 })).toBeCloseTo(2, 10);
  });
});
