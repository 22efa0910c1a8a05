import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { all, only, synthTeam, teamProps } from "./stack";

Testing.setupJest();

const TWO_REGIONS = [{ integrationSlug: "vertex-us-east5" }, { integrationSlug: "vertex-europe-west1" }];

function providerRefs(tf: { resource: Record<string, Record<string, Record<string, unknown>>> }): Record<string, string> {
  return Object.fromEntries(Object.entries(tf.resource.portkeyadmin_provider).map(([name, body]) => [body.slug as string, `\${portkeyadmin_provider.${name}.slug}`]));
}

describe("ClaudeCodeTeam routing", () => {
  it("falls back across Vertex regions on 429 and 5xx, with a provider and an access grant per region", () => {
    const { tf, team } = synthTeam(teamProps({ budget: { type: "cost", limit: 300 }, routing: { strategy: "fallback", targets: TWO_REGIONS } }));
    const grants = all(tf, "portkeyadmin_integration_workspace_access").map((a) => [a.integration_slug, a.usage_limits]);
    expect(grants.sort()).toEqual([
      ["vertex-europe-west1", [{ type: "cost", credit_limit: 300 }]],
      ["vertex-us-east5", [{ type: "cost", credit_limit: 300 }]],
    ]);
    const slugs = providerRefs(tf);
    expect(Object.keys(slugs).sort()).toEqual(["payments-vertex", "payments-vertex-2"]);
    expect(only(tf, "portkeyadmin_config")).toEqual({
      name: "payments-routing",
      workspace_id: expect.stringContaining("portkeyadmin_workspace"),
      strategy: { mode: "fallback", on_status_codes: [429, 500, 502, 503, 504] },
      targets: [{ provider: `@${slugs["payments-vertex"]}` }, { provider: `@${slugs["payments-vertex-2"]}` }],
    });
    expect(team.providers).toHaveLength(2);
    expect(team.configSlug).toBeDefined();
  });

  it("binds every key to the config and routes the settings through it", () => {
    const { tf, json } = synthTeam(teamProps({ routing: { strategy: "fallback", targets: TWO_REGIONS }, keys: [{ name: "ci", kind: "service" }, { name: "laptops", kind: "service" }] }));
    const [config] = Object.keys(tf.resource.portkeyadmin_config);
    for (const key of all(tf, "portkeyadmin_api_key")) expect(key.config_id).toBe(`\${portkeyadmin_config.${config}.slug}`);
    expect(json).toContain(`"ANTHROPIC_CUSTOM_HEADERS\\" = join(\\"\\", [\\"x-portkey-config: \\", portkeyadmin_config.${config}.slug])`);
    expect(json).not.toContain("x-portkey-provider");
  });

  it("load-balances with weights (default 1) and can force a model per target", () => {
    const { tf } = synthTeam(
      teamProps({
        routing: {
          strategy: "loadbalance",
          targets: [{ integrationSlug: "vertex-us-east5", weight: 3 }, { integrationSlug: "vertex-global" }, { integrationSlug: "vertex-eu", weight: 0, model: "claude-sonnet-4-6" }],
        },
      }),
    );
    const config = only(tf, "portkeyadmin_config") as { strategy: unknown; targets: Record<string, unknown>[] };
    expect(config.strategy).toEqual({ mode: "loadbalance" });
    expect(config.targets.map((t) => [t.weight, t.override_params])).toEqual([
      [3, undefined],
      [1, undefined],
      [0, { model: "claude-sonnet-4-6" }],
    ]);
  });

  it("retries on 429/5xx by default and caches when asked, which needs a config even for one provider", () => {
    const { tf } = synthTeam(teamProps({ routing: { strategy: "none", retry: { attempts: 3 }, cache: { mode: "simple", maxAgeSeconds: 600 } } }));
    expect(only(tf, "portkeyadmin_config")).toMatchObject({
      strategy: { mode: "single" },
      targets: [{ provider: expect.stringMatching(/^@\$\{portkeyadmin_provider\./) }],
      retry: { attempts: 3, on_status_codes: [429, 500, 502, 503, 504] },
      cache: { mode: "simple", max_age: 600 },
    });
  });

  it("keeps the retry statuses it is given", () => {
    const { tf } = synthTeam(teamProps({ routing: { strategy: "fallback", targets: TWO_REGIONS, retry: { attempts: 2, onStatusCodes: [429] } } }));
    expect(only(tf, "portkeyadmin_config")).toMatchObject({ retry: { attempts: 2, on_status_codes: [429] } });
  });

  it("never forwards anthropic-beta (Vertex answers 400 to Claude Code's betas)", () => {
    const { json } = synthTeam(teamProps({ routing: { strategy: "fallback", targets: TWO_REGIONS, retry: { attempts: 2 }, cache: { mode: "semantic" } } }));
    expect(json).not.toContain("forward_headers");
    expect(json).not.toContain("anthropic-beta");
  });
});
