import "cdktf/lib/testing/adapters/jest";
import { TerraformStack, Testing } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { PortkeyadminProvider } from "../../../src/constructs/l1/portkeyadmin/provider";
import { TimeProvider } from "../../../src/constructs/l1/time/time-provider";
import { ClaudeCodeTeam, type ClaudeCodeTeamProps } from "../../../src/constructs/team";
import { all, only, synthTeam, teamProps } from "./stack";

Testing.setupJest();

const ref = (tf: { resource: Record<string, Record<string, unknown>> }, type: string, attribute: string) => {
  const [name] = Object.keys(tf.resource[type]);
  return `\${${type}.${name}.${attribute}}`;
};

describe("ClaudeCodeTeam: what a team gets", () => {
  it("creates a workspace carrying the team metadata that every request inherits", () => {
    const { tf } = synthTeam(teamProps({ metadata: { costCenter: "cc-42" } }));
    expect(only(tf, "portkeyadmin_workspace")).toEqual({ name: "payments", description: "Claude Code for team payments", metadata: { team: "payments", costCenter: "cc-42" } });
  });

  it("enables the integration for the workspace with the team's budget and rate limit, and no auto-created provider", () => {
    const { tf } = synthTeam(
      teamProps({ budget: { type: "cost", limit: 500, alertThreshold: 400, periodicReset: "monthly" }, rateLimit: { type: "requests", unit: "rpm", value: 600 } }),
    );
    expect(only(tf, "portkeyadmin_integration_workspace_access")).toEqual({
      integration_slug: "vertex-us-east5",
      workspace_id: ref(tf, "portkeyadmin_workspace", "id"),
      usage_limits: [{ type: "cost", credit_limit: 500, alert_threshold: 400, periodic_reset: "monthly" }],
      rate_limits: [{ type: "requests", unit: "rpm", value: 600 }],
      create_default_provider: false,
    });
  });

  it("creates the provider the settings route to, only after the access grant", () => {
    const { tf, team } = synthTeam(teamProps());
    const [access] = Object.keys(tf.resource.portkeyadmin_integration_workspace_access);
    expect(only(tf, "portkeyadmin_provider")).toMatchObject({
      slug: "payments-vertex",
      integration_id: "vertex-us-east5",
      workspace_id: ref(tf, "portkeyadmin_workspace", "id"),
      depends_on: [`portkeyadmin_integration_workspace_access.${access}`],
    });
    expect(team.configSlug).toBeUndefined();
    expect(tf.resource.portkeyadmin_config).toBeUndefined();
  });

  it("issues one workspace key per entry, allowed only to call the gateway, with its metadata defaults", () => {
    const { tf, team } = synthTeam(
      teamProps({
        keys: [
          { name: "ci", kind: "service", description: "CI pipelines", metadata: { pipeline: "ci" } },
          { name: "ada", kind: "user", userId: "0b6e3f0e-5b7f-4a8e-9a55-1f2d3c4b5a69" },
        ],
      }),
    );
    expect(Object.keys(team.apiKeys)).toEqual(["ci", "ada"]);
    expect(all(tf, "portkeyadmin_api_key")).toEqual(
      expect.arrayContaining([
        {
          name: "payments-ci",
          description: "CI pipelines",
          type: "workspace",
          sub_type: "service",
          workspace_id: ref(tf, "portkeyadmin_workspace", "id"),
          scopes: ["completions.write"],
          metadata: { pipeline: "ci" },
        },
        expect.objectContaining({ name: "payments-ada", sub_type: "user", user_id: "0b6e3f0e-5b7f-4a8e-9a55-1f2d3c4b5a69", metadata: { _user: "ada" } }),
      ]),
    );
  });

  it("uses an existing workspace: nothing is created, and the team metadata rides on the keys", () => {
    const { tf, team } = synthTeam(teamProps({ existingWorkspaceId: "ws-paymen-1a2b3c", metadata: { costCenter: "cc-42" } }));
    expect(tf.resource.portkeyadmin_workspace).toBeUndefined();
    expect(team.workspaceId).toBe("ws-paymen-1a2b3c");
    expect(only(tf, "portkeyadmin_integration_workspace_access")).toMatchObject({ workspace_id: "ws-paymen-1a2b3c" });
    expect(only(tf, "portkeyadmin_api_key")).toMatchObject({ workspace_id: "ws-paymen-1a2b3c", metadata: { team: "payments", costCenter: "cc-42" } });
  });

  it("gives every developer their own budget: a usage-limits policy on the workspace grouped by metadata._user", () => {
    const { tf, team } = synthTeam(teamProps({ perDeveloperBudget: { type: "cost", limit: 50, alertThreshold: 40, periodicReset: "weekly" } }));
    const workspaceId = ref(tf, "portkeyadmin_workspace", "id");
    expect(only(tf, "portkeyadmin_usage_limits_policy")).toEqual({
      name: "payments per developer",
      workspace_id: workspaceId,
      conditions: [{ key: "workspace_id", value: workspaceId }],
      group_by: [{ key: "metadata._user" }],
      type: "cost",
      credit_limit: 50,
      alert_threshold: 40,
      periodic_reset: "weekly",
    });
    // Service keys are shared: the construct says how _user must then be set.
    expect(team.node.metadata.map((entry) => String(entry.data))).toEqual(expect.arrayContaining([expect.stringContaining("perDeveloperBudget counts per metadata._user")]));
  });

  it("creates no policy without perDeveloperBudget, and no limits without budget or rate limit", () => {
    const { tf } = synthTeam(teamProps());
    expect(tf.resource.portkeyadmin_usage_limits_policy).toBeUndefined();
    expect(only(tf, "portkeyadmin_integration_workspace_access")).not.toHaveProperty("usage_limits");
    expect(only(tf, "portkeyadmin_integration_workspace_access")).not.toHaveProperty("rate_limits");
  });

  it("summarizes what to tell the team, with no secret in it", () => {
    const { tf } = synthTeam(teamProps({ budget: { type: "cost", limit: 500 }, keys: [{ name: "ci", kind: "service" }, { name: "laptops", kind: "service" }] }));
    const summary = (tf.output?.summary.value ?? {}) as Record<string, unknown>;
    expect(summary).toEqual({
      team: "payments",
      workspaceId: ref(tf, "portkeyadmin_workspace", "id"),
      mode: "provider-slug",
      providerSlugs: [ref(tf, "portkeyadmin_provider", "slug")],
      routing: "none",
      models: { opus: "claude-opus-4-6", sonnet: "claude-sonnet-4-6", haiku: "claude-haiku-4-5@20251001", default: "sonnet" },
      budget: { type: "cost", limit: 500 },
      keys: ["ci", "laptops"],
      dashboardMetadata: { team: "payments" },
      dashboardFilter: "metadata.team = payments",
      notes: [expect.stringContaining("Model Garden")],
    });
    expect(JSON.stringify(summary)).not.toContain(".key}");
    expect(tf.output?.summary.sensitive).toBeUndefined();
  });

  it("creates no provider block and no output of its own (stacks do)", () => {
    const { tf } = synthTeam(teamProps());
    // Only the outputs the test stack added: one settings per key and the summary.
    expect(Object.keys(tf.output ?? {}).sort()).toEqual(["settings-ci", "summary"]);
  });
});

describe("ClaudeCodeTeam: key rotation (rotationDays)", () => {
  /** The team in a stack with every provider it needs, synthesized with validations on (as `cdktf synth` does). */
  function synthRotating(props: ClaudeCodeTeamProps) {
    const stack = new TerraformStack(Testing.app(), "team");
    new PortkeyadminProvider(stack, "portkey", {});
    new GoogleProvider(stack, "google", {});
    new TimeProvider(stack, "time");
    const team = new ClaudeCodeTeam(stack, "team", props);
    const json = Testing.synth(stack, true);
    return { team, json, tf: JSON.parse(json) as { resource: Record<string, Record<string, Record<string, unknown>>> } };
  }
  const idOf = (tf: { resource: Record<string, Record<string, unknown>> }, type: string, match: (body: Record<string, unknown>) => boolean) => {
    const entry = Object.entries(tf.resource[type] ?? {}).find(([, body]) => match(body as Record<string, unknown>));
    if (!entry) throw new Error(`no ${type} matched`);
    return entry[0];
  };

  it("feeds a time_rotating per rotated key into that key's rotation_trigger, and leaves the other keys alone", () => {
    const { tf, team, json } = synthRotating(
      teamProps({
        keys: [
          { name: "ci", kind: "service", rotationDays: 30 },
          { name: "laptops", kind: "service", rotationDays: 90 },
          { name: "batch", kind: "service" },
        ],
      }),
    );
    expect(Object.keys(team.keyRotations)).toEqual(["ci", "laptops"]);
    expect(Object.values(tf.resource.time_rotating).map((r) => r.rotation_days).sort()).toEqual([30, 90]);
    const rotation30 = idOf(tf, "time_rotating", (r) => r.rotation_days === 30);
    const rotation90 = idOf(tf, "time_rotating", (r) => r.rotation_days === 90);
    const keys = Object.values(tf.resource.portkeyadmin_api_key);
    expect(keys.find((k) => k.name === "payments-ci")?.rotation_trigger).toBe(`\${time_rotating.${rotation30}.id}`);
    expect(keys.find((k) => k.name === "payments-laptops")?.rotation_trigger).toBe(`\${time_rotating.${rotation90}.id}`);
    expect(keys.find((k) => k.name === "payments-batch")).not.toHaveProperty("rotation_trigger");
    expect(Object.keys(JSON.parse(json).provider)).toEqual(expect.arrayContaining(["time", "portkeyadmin"]));
  });

  it("creates no time_rotating when no key rotates", () => {
    const { tf, team } = synthRotating(teamProps());
    expect(tf.resource.time_rotating).toBeUndefined();
    expect(team.keyRotations).toEqual({});
    expect(only(tf as never, "portkeyadmin_api_key")).not.toHaveProperty("rotation_trigger");
  });

  it("in api-key-helper mode, hands the rotated key to a new Secret Manager secret version, with no warning", () => {
    const { tf, team } = synthRotating(
      teamProps({
        keys: [{ name: "laptops", kind: "service", rotationDays: 90 }],
        settings: { mode: "api-key-helper", gatewayUrl: "https://api.portkey.ai", secretManager: { projectId: "acme-ai", accessorMembers: ["group:devs@acme.com"] } },
      }),
    );
    const rotation = idOf(tf, "time_rotating", () => true);
    const key = idOf(tf, "portkeyadmin_api_key", (k) => k.rotation_trigger === `\${time_rotating.${rotation}.id}`);
    // secret_data forces a new version when it changes: the rotated secret becomes "latest", which apiKeyHelper reads.
    expect(only(tf as never, "google_secret_manager_secret_version")).toMatchObject({ secret_data: `\${portkeyadmin_api_key.${key}.key}` });
    expect(team.node.metadata.map((entry) => String(entry.data))).not.toEqual(expect.arrayContaining([expect.stringContaining("rotates every")]));
  });

  it("warns, with the fix, that provider-slug developers must onboard again after each rotation", () => {
    const { team } = synthRotating(teamProps({ keys: [{ name: "ci", kind: "service", rotationDays: 30 }] }));
    const warnings = team.node.metadata.filter((entry) => entry.type === "@cdktf/warn").map((entry) => String(entry.data));
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/Key "ci" rotates every 30 days, but in settings mode "provider-slug".*onboard.*Fix: use settings mode "api-key-helper"/)]),
    );
  });
});
