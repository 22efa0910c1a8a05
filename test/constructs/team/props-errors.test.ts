import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PortkeyadminProvider } from "../../../src/constructs/l1/portkeyadmin/provider";
import { ClaudeCodeTeam, type ClaudeCodeTeamProps } from "../../../src/constructs/team";
import { PropsError } from "../../../src/constructs/validation";
import { MODELS, teamProps } from "./stack";

function build(overrides: Partial<ClaudeCodeTeamProps>): () => ClaudeCodeTeam {
  const stack = new TerraformStack(Testing.app(), "team");
  new PortkeyadminProvider(stack, "portkey", {});
  return () => new ClaudeCodeTeam(stack, "team", teamProps(overrides));
}

const GATEWAY = "https://api.portkey.ai";

describe("ClaudeCodeTeam refuses bad props, naming the prop and the fix", () => {
  it.each<[string, Partial<ClaudeCodeTeamProps>, RegExp]>([
    ["a team name that is not a slug", { name: "Payments Team" }, /props\.name: must be 1–40 lower-case letters, digits or dashes/],
    ["an integration slug with spaces", { integrationSlug: "vertex us" }, /props\.integrationSlug: must be an integration slug/],
    ["an alert threshold at or above the budget", { budget: { type: "cost", limit: 100, alertThreshold: 100 } }, /props\.budget\.alertThreshold: must be below limit/],
    ["a budget below 1", { perDeveloperBudget: { type: "cost", limit: 0 } }, /props\.perDeveloperBudget\.limit: must be at least 1/],
    ["a rate limit unit Portkey lacks", { rateLimit: { type: "requests", unit: "rps" as "rpm", value: 5 } }, /props\.rateLimit\.unit: must be "rpm", "rph" or "rpd"/],
    ["a model in the Anthropic API's dated form", { models: { ...MODELS, sonnet: "claude-sonnet-4-5-20250929" } }, /props\.models\.sonnet: .*Use "claude-sonnet-4-5@20250929"/],
    ["a default model that is neither an ID nor an alias", { models: { ...MODELS, default: "best" } }, /props\.models\.default: .*not a known Vertex Claude model ID.*or use an alias: opus, sonnet, haiku/],
    ["a model newer than the catalogue", { models: { ...MODELS, opus: "claude-opus-6" } }, /props\.models\.opus: .*set allowUnknownModels: true/],
    ["fallback with one target", { routing: { strategy: "fallback", targets: [{ integrationSlug: "vertex-us-east5" }] } }, /props\.routing\.targets: strategy "fallback" needs at least two targets/],
    [
      "a first target that is not the primary integration",
      { routing: { strategy: "fallback", targets: [{ integrationSlug: "vertex-eu" }, { integrationSlug: "vertex-us-east5" }] } },
      /props\.routing\.targets\.0\.integrationSlug: is the primary target and must be props\.integrationSlug \("vertex-us-east5"\)/,
    ],
    [
      "a weight outside loadbalance",
      { routing: { strategy: "fallback", targets: [{ integrationSlug: "vertex-us-east5", weight: 2 }, { integrationSlug: "vertex-eu" }] } },
      /props\.routing\.targets\.0\.weight: only applies to strategy "loadbalance"/,
    ],
    ["targets without a strategy", { routing: { strategy: "none", targets: [{ integrationSlug: "vertex-us-east5" }] } }, /props\.routing\.targets: only apply to strategy "fallback" or "loadbalance"/],
    ["more retries than Portkey allows", { routing: { strategy: "none", retry: { attempts: 6 } } }, /props\.routing\.retry\.attempts: must be at most 5/],
    ["a key rotated every 0 days", { keys: [{ name: "ci", kind: "service", rotationDays: 0 }] }, /props\.keys\.0\.rotationDays: must be at least 1 day \(leave it out for a key that is never rotated\)/],
    ["a key rotated every half day", { keys: [{ name: "ci", kind: "service", rotationDays: 0.5 }] }, /props\.keys\.0\.rotationDays: must be a whole number of days/],
    ["a key rotation period in seconds", { keys: [{ name: "ci", kind: "service", rotationDays: 7_776_000 }] }, /props\.keys\.0\.rotationDays: must be at most 3650 days/],
    [
      "a dated model forced on a target",
      { routing: { strategy: "fallback", targets: [{ integrationSlug: "vertex-us-east5" }, { integrationSlug: "vertex-eu", model: "claude-haiku-4-5-20251001" }] } },
      /props\.routing\.targets\.1\.model: .*claude-haiku-4-5@20251001/,
    ],
    ["no keys", { keys: [] }, /props\.keys: must list at least one key/],
    ["two keys with one name", { keys: [{ name: "ci", kind: "service" }, { name: "ci", kind: "service" }] }, /props\.keys\.1\.name: "ci" is used twice/],
    ["a user key without its user", { keys: [{ name: "ada", kind: "user" }] }, /props\.keys\.0\.userId: is required for a user key/],
    ["metadata longer than Portkey keeps", { metadata: { team: "x".repeat(129) } }, /props\.metadata\.team: must be at most 128 characters/],
    ["a gateway URL ending in /v1", { settings: { gatewayUrl: "https://api.portkey.ai/v1" } }, /props\.settings\.gatewayUrl: must not end in \/v1.*Use "https:\/\/api\.portkey\.ai"/],
    ["a gateway URL that is no URL", { settings: { gatewayUrl: "api.portkey.ai" } }, /props\.settings\.gatewayUrl: must be the gateway origin/],
    ["api-key-helper mode without Secret Manager", { settings: { mode: "api-key-helper", gatewayUrl: GATEWAY } }, /props\.settings\.secretManager: is required in api-key-helper mode/],
    [
      "Secret Manager in provider-slug mode",
      { settings: { gatewayUrl: GATEWAY, secretManager: { projectId: "acme-ai", accessorMembers: ["group:devs@acme.com"] } } },
      /props\.settings\.secretManager: only applies to mode "api-key-helper"/,
    ],
    [
      "an accessor that is no IAM member",
      { settings: { mode: "api-key-helper", gatewayUrl: GATEWAY, secretManager: { projectId: "acme-ai", accessorMembers: ["devs@acme.com"] } } },
      /props\.settings\.secretManager\.accessorMembers\.0: must be an IAM member such as "group:/,
    ],
    ["legacy mode without its Vertex settings", { settings: { mode: "legacy-vertex", gatewayUrl: GATEWAY } }, /props\.settings\.legacyVertex: is required in legacy-vertex mode/],
  ])("%s", (_what, overrides, message) => {
    const attempt = build(overrides);
    expect(attempt).toThrow(PropsError);
    expect(build(overrides)).toThrow(message);
  });

  it("rejects a misspelt prop instead of ignoring it", () => {
    expect(build({ budgetUsd: 5 } as Partial<ClaudeCodeTeamProps>)).toThrow(/ClaudeCodeTeam: props: .*budgetUsd/);
  });

  it("reports every problem at once", () => {
    const attempt = build({ name: "Payments", keys: [] });
    expect(attempt).toThrow(/props\.name: .*\n.*props\.keys: /);
  });

  it("accepts a model newer than the catalogue with the escape hatch", () => {
    expect(build({ models: { ...MODELS, opus: "claude-opus-6", allowUnknownModels: true } })).not.toThrow();
  });

  it("leaves Terraform references unchecked: they are known only at apply time", () => {
    const stack = new TerraformStack(Testing.app(), "team");
    new PortkeyadminProvider(stack, "portkey", {});
    const slug = new TerraformVariable(stack, "integration_slug", { type: "string" });
    const workspace = new TerraformVariable(stack, "workspace", { type: "string" });
    new ClaudeCodeTeam(stack, "team", teamProps({ integrationSlug: slug.stringValue, existingWorkspaceId: workspace.stringValue }));
    const access = Object.values(JSON.parse(Testing.synth(stack)).resource.portkeyadmin_integration_workspace_access);
    expect(access).toEqual([expect.objectContaining({ integration_slug: `\${var.integration_slug}`, workspace_id: `\${var.workspace}` })]);
  });
});
