/** Checks on portkeyadmin_provider values, and the comparisons that keep its plans clean. */
import { sameInstant, validExpiresAt, validProviderSlug } from "../../../src/provider/resources/provider-values";

describe("provider values", () => {
  it("accepts API-style slugs and explains an @ prefix or stray characters", () => {
    expect(validProviderSlug("vertex-prod_2")).toBeUndefined();
    expect(validProviderSlug("@vertex-prod")).toContain('drop the "@"');
    expect(validProviderSlug("vertex prod")).toContain("only letters, digits");
    expect(validProviderSlug("a".repeat(256))).toContain("at most 255");
  });

  it("requires expires_at in RFC 3339 and shows an example", () => {
    expect(validExpiresAt("2027-01-01T00:00:00Z")).toBeUndefined();
    expect(validExpiresAt("2027-01-01T00:00:00.000+02:00")).toBeUndefined();
    expect(validExpiresAt("2027-01-01")).toContain("2027-01-01T00:00:00Z");
    expect(validExpiresAt("2027-13-45T00:00:00Z")).toContain("RFC 3339");
  });

  it("treats the API's millisecond form of an expiry as the same instant", () => {
    expect(sameInstant("2027-01-01T00:00:00.000Z", "2027-01-01T00:00:00Z")).toBe(true);
    expect(sameInstant("2027-01-01T00:00:00.000Z", "2027-01-01T01:00:00+01:00")).toBe(true);
    expect(sameInstant("2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z")).toBe(false);
  });
});
