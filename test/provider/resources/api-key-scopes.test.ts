/** Scope validation of portkeyadmin_api_key: known strings pass, typos get a suggestion. */
import { checkScopes, closestScope, DEFAULT_SCOPES, KNOWN_SCOPES } from "../../../src/provider/resources/api-key-scopes";

describe("API-key scopes", () => {
  it("defaults to completions.write, the least Claude Code needs", () => {
    expect(DEFAULT_SCOPES).toEqual(["completions.write"]);
    expect(checkScopes(DEFAULT_SCOPES)).toBeUndefined();
  });

  it("accepts the documented scopes, including the rotate scopes seen on live keys", () => {
    expect(checkScopes(["configs.read", "workspace_service_api_keys.rotate", "virtual_keys.duplicate", "logs.export"])).toBeUndefined();
    expect(KNOWN_SCOPES.size).toBeGreaterThan(90);
  });

  it("suggests the nearest known scope for a typo", () => {
    expect(checkScopes(["completion.write"])).toEqual(['scopes: unknown scope "completion.write"; did you mean "completions.write"?']);
    expect(closestScope("config.read")).toBe("configs.read");
  });

  it("explains the scope format when nothing is close, one message per bad scope", () => {
    const messages = checkScopes(["admin", "completions.write", "everything.please"]) ?? [];
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('unknown scope "admin"; Portkey scopes look like "completions.write"');
  });

  it("rejects an empty list, which Portkey answers with a 502", () => {
    expect(checkScopes([])?.[0]).toContain("scopes must not be empty");
  });
});
