/**
 * The rules and wire form of portkeyadmin_config's typed gateway config: what a user sees when
 * the config is wrong, and the JSON Portkey receives when it is right.
 */
import { unknown } from "../../../src/provider/framework";
import {
  buildGatewayConfig,
  type ConfigSpec,
  canonicalJson,
  checkConfigSpec,
  condition,
  decodeExtra,
  encodeExtra,
  type Finding,
  looksLikeVertex,
  sameConfig,
  specFromGatewayConfig,
  suggestMode,
  type TargetSpec,
} from "../../../src/provider/resources/config-body";

const target = (provider: string, extra: Partial<TargetSpec> = {}): TargetSpec => ({ name: null, provider, weight: null, override_params: null, ...extra });

const spec = (extra: Partial<ConfigSpec> = {}): ConfigSpec => ({
  strategy: null,
  targets: [target("@vertex-prod")],
  retry: null,
  cache: null,
  forward_headers: null,
  request_timeout: null,
  ...extra,
});

const strategy = (mode: string, extra: Partial<NonNullable<ConfigSpec["strategy"]>> = {}) => ({ mode, on_status_codes: null, conditions: null, default: null, ...extra });

const check = (value: ConfigSpec | Record<string, unknown>) => checkConfigSpec(value as unknown as Record<string, unknown>);
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === "error");
const warnings = (findings: Finding[]) => findings.filter((f) => f.severity === "warning");

describe("config rules", () => {
  it("accepts a fallback from Vertex to a second Vertex region with retries and a cache", () => {
    const findings = check(
      spec({
        strategy: strategy("fallback", { on_status_codes: [429, 503] }),
        targets: [target("@vertex-us"), target("@vertex-eu")],
        retry: { attempts: 3, on_status_codes: [429] },
        cache: { mode: "simple", max_age: 3600 },
        forward_headers: ["x-team"],
        request_timeout: 60000,
      }),
    );
    expect(findings).toEqual([]);
  });

  it.each(["load-balance", "load_balance", "loadBalance", "Load Balance"])('suggests "loadbalance" for %s', (mode) => {
    const [finding] = errors(check(spec({ strategy: strategy(mode), targets: [target("@a"), target("@b")] })));
    expect(finding?.path).toEqual(["strategy", "mode"]);
    expect(finding?.detail).toContain('did you mean "loadbalance"?');
  });

  it("lists the valid modes for a mode it cannot guess", () => {
    const [finding] = errors(check(spec({ strategy: strategy("round-the-houses") })));
    expect(finding?.detail).not.toContain("did you mean");
    expect(finding?.detail).toContain('"single", "fallback", "loadbalance"');
    expect(suggestMode("fall-back")).toBe("fallback");
  });

  it("rejects weights unless the mode is loadbalance, naming the target", () => {
    const findings = errors(check(spec({ strategy: strategy("fallback"), targets: [target("@a", { weight: 70 }), target("@b")] })));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.path).toEqual(["targets", 0, "weight"]);
    expect(findings[0]?.detail).toContain('only applies when strategy.mode = "loadbalance"');
    expect(check(spec({ strategy: strategy("loadbalance"), targets: [target("@a", { weight: 70 }), target("@b", { weight: 30 })] }))).toEqual([]);
  });

  it("rejects a loadbalance where every weight is zero", () => {
    const [finding] = errors(check(spec({ strategy: strategy("loadbalance"), targets: [target("@a", { weight: 0 }), target("@b", { weight: 0 })] })));
    expect(finding?.summary).toBe("All weights are zero");
  });

  it("needs at least two targets for a fallback", () => {
    const [finding] = errors(check(spec({ strategy: strategy("fallback") })));
    expect(finding?.path).toEqual(["targets"]);
    expect(finding?.detail).toContain("needs at least 2; got 1");
  });

  it("needs a strategy for several targets, and at least one target", () => {
    expect(errors(check(spec({ targets: [target("@a"), target("@b")] })))[0]?.detail).toContain("(the default without a strategy block)");
    expect(errors(check(spec({ targets: [] })))[0]?.summary).toBe("No targets");
  });

  it.each([
    ["vertex-prod", 'write "@vertex-prod"'],
    ["@vertex prod", "only letters, digits"],
  ])("requires providers written as @slug: %s", (provider, fix) => {
    const [finding] = errors(check(spec({ targets: [target(provider)] })));
    expect(finding?.path).toEqual(["targets", 0, "provider"]);
    expect(finding?.detail).toContain(fix);
  });

  it("rejects an unknown cache mode and a negative max_age", () => {
    const findings = errors(check(spec({ cache: { mode: "exact", max_age: -1 } })));
    expect(findings.map((f) => f.path)).toEqual([
      ["cache", "mode"],
      ["cache", "max_age"],
    ]);
    expect(findings[0]?.detail).toContain('use "simple" (exact match) or "semantic"');
  });

  it("keeps retry attempts between 0 and 5 and status codes real", () => {
    const findings = errors(check(spec({ retry: { attempts: 6, on_status_codes: [429, 42] } })));
    expect(findings.map((f) => f.path)).toEqual([
      ["retry", "attempts"],
      ["retry", "on_status_codes", 1],
    ]);
    expect(check(spec({ retry: { attempts: 0, on_status_codes: null } }))).toEqual([]);
  });

  it("rejects on_status_codes outside fallback, and conditions outside conditional", () => {
    const findings = errors(check(spec({ strategy: strategy("single", { on_status_codes: [500], conditions: [condition("{}", "a")] }) })));
    expect(findings.map((f) => f.summary)).toEqual(["on_status_codes needs fallback", "conditions need conditional"]);
  });

  it("checks conditional routing: conditions, default, target names and JSON queries", () => {
    const named = [target("@vertex-us", { name: "us" }), target("@vertex-eu", { name: "eu" })];
    const good = strategy("conditional", { conditions: [condition('{"metadata.region":{"$eq":"eu"}}', "eu")], default: "us" });
    expect(check(spec({ strategy: good, targets: named }))).toEqual([]);

    expect(errors(check(spec({ strategy: strategy("conditional"), targets: named }))).map((f) => f.summary)).toEqual([
      "Conditional mode needs conditions",
      "Conditional mode needs a default",
    ]);
    const bad = strategy("conditional", { conditions: [condition("region = eu", "asia")], default: "us" });
    const findings = errors(check(spec({ strategy: bad, targets: named })));
    expect(findings.map((f) => f.path)).toEqual([
      ["strategy", "conditions", 0, "then"],
      ["strategy", "conditions", 0, "query"],
    ]);
    expect(findings[0]?.detail).toContain('(names: "us", "eu")');
  });

  it("rejects duplicate target names, bad max_tokens, and model or max_tokens inside extra", () => {
    const findings = errors(
      check(
        spec({
          strategy: strategy("fallback"),
          targets: [
            target("@a", { name: "x", override_params: { model: null, max_tokens: 0, extra: { model: "m" } } }),
            target("@b", { name: "x" }),
          ],
        }),
      ),
    );
    expect(findings.map((f) => f.summary)).toEqual(["Invalid max_tokens", "Use override_params.model", "Duplicate target name"]);
  });

  it("checks forward_headers names and request_timeout", () => {
    const findings = errors(check(spec({ forward_headers: ["x team", "x-portkey-forward-headers"], request_timeout: 1.5 })));
    expect(findings.map((f) => f.path)).toEqual([["forward_headers", 0], ["forward_headers", 1], ["request_timeout"]]);
  });

  it("warns, without failing, when anthropic-beta is forwarded to a Vertex target", () => {
    const findings = check(spec({ forward_headers: ["anthropic-beta"], targets: [target("@vertex-prod")] }));
    expect(errors(findings)).toEqual([]);
    expect(warnings(findings)).toHaveLength(1);
    expect(warnings(findings)[0]?.detail).toContain("400 Unexpected value(s)");
    expect(warnings(findings)[0]?.detail).toContain("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1");
    expect(check(spec({ forward_headers: ["anthropic-beta"], targets: [target("@anthropic-direct")] }))).toEqual([]);
  });

  it("recognises Vertex targets by slug or by a Vertex model id", () => {
    expect(looksLikeVertex("@team-vertex", undefined)).toBe(true);
    expect(looksLikeVertex("@gcp", "claude-sonnet-4-5@20250929")).toBe(true);
    expect(looksLikeVertex("@anthropic", "claude-sonnet-4-5-20250929")).toBe(false);
  });

  it("skips values that are not known yet instead of judging them", () => {
    const findings = check({ strategy: { mode: unknown, on_status_codes: null, conditions: null, default: null }, targets: [{ name: null, provider: unknown, weight: 50, override_params: null }], retry: unknown, cache: null, forward_headers: null, request_timeout: null });
    expect(findings).toEqual([]);
  });
});

describe("config wire form", () => {
  const full = spec({
    strategy: strategy("loadbalance"),
    targets: [
      target("@vertex-us", { weight: 3, override_params: { model: "claude-sonnet-4-5@20250929", max_tokens: 8192, extra: { temperature: "0.2", stop: "END" } } }),
      target("@vertex-eu", { weight: 1 }),
    ],
    retry: { attempts: 2, on_status_codes: null },
    cache: { mode: "semantic", max_age: null },
    forward_headers: ["x-team"],
    request_timeout: 30000,
  });

  it("sends the typed spec as Portkey's config JSON", () => {
    expect(buildGatewayConfig(full)).toEqual({
      strategy: { mode: "loadbalance" },
      targets: [
        { provider: "@vertex-us", weight: 3, override_params: { model: "claude-sonnet-4-5@20250929", max_tokens: 8192, stop: "END", temperature: 0.2 } },
        { provider: "@vertex-eu", weight: 1 },
      ],
      retry: { attempts: 2 },
      cache: { mode: "semantic" },
      forward_headers: ["x-team"],
      request_timeout: 30000,
    });
  });

  it('adds mode "single" for a lone target without a strategy, and reads it back as no strategy', () => {
    const sent = buildGatewayConfig(spec());
    expect(sent.strategy).toEqual({ mode: "single" });
    expect(specFromGatewayConfig(sent)).toEqual(spec());
  });

  it("reads the API's config back into the same spec (import and drift)", () => {
    const remote = JSON.parse(canonicalJson(buildGatewayConfig(full))) as Record<string, unknown>;
    expect(specFromGatewayConfig(remote)).toEqual(full);
  });

  it("compares meaning, not key order or text, so the API's JSON string causes no diff", () => {
    const reordered = { request_timeout: 30000, forward_headers: ["x-team"], cache: { mode: "semantic" }, retry: { attempts: 2 }, targets: buildGatewayConfig(full).targets, strategy: { mode: "loadbalance" } };
    expect(sameConfig(reordered, full)).toBe(true);
    expect(sameConfig({ ...reordered, request_timeout: 1000 }, full)).toBe(false);
  });

  it("decodes extra params that are JSON text and keeps other text as strings, both ways", () => {
    expect(decodeExtra("0.2")).toBe(0.2);
    expect(decodeExtra("true")).toBe(true);
    expect(decodeExtra("END")).toBe("END");
    expect(decodeExtra('"0.2"')).toBe("0.2");
    for (const value of [0.2, true, "END", "0.2", ["a"], { a: 1 }]) expect(decodeExtra(encodeExtra(value))).toEqual(value);
  });

  it("sends condition queries as JSON objects", () => {
    const conditional = spec({
      strategy: strategy("conditional", { conditions: [condition('{"metadata.region":{"$eq":"eu"}}', "eu")], default: "us" }),
      targets: [target("@vertex-us", { name: "us" }), target("@vertex-eu", { name: "eu" })],
    });
    const sent = buildGatewayConfig(conditional);
    expect(sent.strategy).toEqual({ mode: "conditional", conditions: [condition({ "metadata.region": { $eq: "eu" } }, "eu")], default: "us" });
    expect(specFromGatewayConfig(sent)).toEqual(conditional);
  });
});
