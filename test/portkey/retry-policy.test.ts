/** The pure pieces: Retry-After parsing, full-jitter bounds, seeded randomness, icon stripping. */
import { backoffDelayMs, parseRetryAfterMs, resolveRetryOptions, seededRandom, stripIconPrefix } from "../../src/portkey";

describe("retry policy", () => {
  it("parses Retry-After as seconds or an HTTP date, and ignores garbage", () => {
    const now = Date.parse("2026-06-11T12:00:00Z");
    expect(parseRetryAfterMs("3", now)).toBe(3000);
    expect(parseRetryAfterMs("Thu, 11 Jun 2026 12:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfterMs("Thu, 11 Jun 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });

  it("draws full-jitter delays below a doubling ceiling capped at maxDelayMs", () => {
    const options = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 300 });
    expect(backoffDelayMs(1, options, () => 0.999)).toBe(99);
    expect(backoffDelayMs(2, options, () => 0.999)).toBe(199);
    expect(backoffDelayMs(5, options, () => 0.999)).toBe(299);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
  });

  it("seeded randomness repeats exactly", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(draws);
    expect(new Set(draws).size).toBe(3);
    for (const d of draws) expect(d >= 0 && d < 1).toBe(true);
  });

  it("rejects nonsense options with the option's name", () => {
    expect(() => resolveRetryOptions({ maxAttempts: 0 })).toThrow(/maxAttempts must be at least 1/);
    expect(() => resolveRetryOptions({ timeoutMs: -1 })).toThrow(/timeoutMs must be a non-negative number/);
  });
});

describe("stripIconPrefix", () => {
  it.each([
    ["🚀 Production", "Production"],
    ["👩🏽‍💻 Dev team", "Dev team"],
    ["❤️ Love", "Love"],
    ["🇬🇧 UK", "UK"],
    ["Production", "Production"],
    ["123 Team", "123 Team"],
    ["#1 Team", "#1 Team"],
  ])("%s → %s", (input, output) => {
    expect(stripIconPrefix(input)).toBe(output);
  });
});
