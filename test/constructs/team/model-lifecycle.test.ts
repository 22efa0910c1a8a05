/**
 * The constructs and the models of a given day: on 2026-12-03 Claude Sonnet 4.5 is retired and
 * Claude Opus 4.5 retires in 50 days. A retired model is refused unless named in
 * allowRetiredModels; a retiring one deploys with a warning; with checkModelsWithPortkey the team
 * reads Portkey's list of each integration's models at plan time instead of trusting the
 * catalogue alone. The date is pinned through `modelCatalogue`, never read from the clock.
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PortkeyadminProvider } from "../../../src/constructs/l1/portkeyadmin/provider";
import { ModelCatalogue } from "../../../src/constructs/models/catalogue";
import { PortkeyVertexIntegration, type PortkeyVertexIntegrationProps } from "../../../src/constructs/portkey";
import { ClaudeCodeTeam, type ClaudeCodeTeamProps } from "../../../src/constructs/team";
import { PropsError } from "../../../src/constructs/validation";
import { MODELS, teamProps } from "./stack";

const modelCatalogue = ModelCatalogue.builtIn({ asOf: "2026-12-03" });
const RETIRED = "claude-sonnet-4-5@20250929";
const RETIRING = "claude-opus-4-5@20251101";

interface Built {
  readonly stack: TerraformStack;
  readonly warnings: string[];
  readonly tf: { data?: Record<string, Record<string, Record<string, unknown>>> };
}

const warningsOf = (construct: { node: { metadata: readonly { type: string; data: unknown }[] } }) =>
  construct.node.metadata.filter((entry) => entry.type === "@cdktf/warn").map((entry) => String(entry.data));

function team(overrides: Partial<ClaudeCodeTeamProps>): Built {
  const stack = new TerraformStack(Testing.app(), "team");
  new PortkeyadminProvider(stack, "portkey", {});
  const built = new ClaudeCodeTeam(stack, "team", teamProps({ modelCatalogue, ...overrides }));
  return { stack, warnings: warningsOf(built), tf: JSON.parse(Testing.synth(stack)) };
}

function integration(overrides: Partial<PortkeyVertexIntegrationProps>): Built {
  const stack = new TerraformStack(Testing.app(), "platform");
  new PortkeyadminProvider(stack, "portkey", {});
  const key = new TerraformVariable(stack, "key_json", { type: "string", sensitive: true });
  const built = new PortkeyVertexIntegration(stack, "vertex", {
    slug: "vertex-claude",
    region: "global",
    projectId: "acme-ai",
    serviceAccountKeyJson: key.stringValue,
    keyVersion: "v1",
    models: ["claude-sonnet-5-5"],
    modelCatalogue,
    ...overrides,
  });
  return { stack, warnings: warningsOf(built), tf: JSON.parse(Testing.synth(stack)) };
}

describe("ClaudeCodeTeam and the model lifecycle", () => {
  it("refuses a retired model, naming the model, the date, the replacement and the exception", () => {
    expect(() => team({ models: { ...MODELS, sonnet: RETIRED } })).toThrow(PropsError);
    expect(() => team({ models: { ...MODELS, sonnet: RETIRED } })).toThrow(
      `ClaudeCodeTeam: props.models.sonnet: "${RETIRED}" (Claude Sonnet 4.5) was retired on 2026-11-30`,
    );
    expect(() => team({ models: { ...MODELS, sonnet: RETIRED } })).toThrow(`Use "claude-sonnet-5-5" (Claude Sonnet 5.5) instead. If your organisation still has access under an exception, list "${RETIRED}" in allowRetiredModels.`);
  });

  it("refuses a retired model as the default model and as a routing target's model too", () => {
    expect(() => team({ models: { ...MODELS, default: RETIRED } })).toThrow(/props\.models\.default: .*was retired on 2026-11-30/);
    const routing = { strategy: "fallback" as const, targets: [{ integrationSlug: "vertex-us-east5" }, { integrationSlug: "vertex-eu", model: RETIRED }] };
    expect(() => team({ routing })).toThrow(/props\.routing\.targets\.1\.model: .*was retired on 2026-11-30/);
  });

  it("deploys a retired model named in allowRetiredModels, with a warning", () => {
    const { warnings } = team({ models: { ...MODELS, sonnet: RETIRED, allowRetiredModels: [RETIRED] } });
    expect(warnings).toContainEqual(expect.stringContaining(`"${RETIRED}" (Claude Sonnet 4.5) was retired on 2026-11-30`));
    expect(warnings).toContainEqual(expect.stringContaining("kept because it is named as an exception"));
  });

  it("warns about a retiring model, with its date and replacement", () => {
    const { warnings } = team({ models: { ...MODELS, opus: RETIRING } });
    expect(warnings).toContainEqual(`"${RETIRING}" (Claude Opus 4.5) retires on 2027-01-22, in 50 days (unconfirmed: ${modelCatalogue.find(RETIRING)?.unconfirmed}); requests to it fail from that day. Fix: Move to "claude-opus-5-5" (Claude Opus 5.5) before 2027-01-22.`);
  });

  it("warns about an exception that does nothing", () => {
    const { warnings } = team({ models: { ...MODELS, allowRetiredModels: ["claude-sonnet-4-6"] } });
    expect(warnings).toContainEqual(expect.stringContaining('allowRetiredModels names "claude-sonnet-4-6", which is not retired on 2026-12-03'));
  });

  it("says nothing about current and superseded models", () => {
    expect(team({ models: { opus: "claude-opus-5-5", sonnet: "claude-sonnet-4-6", haiku: "claude-haiku-4-5@20251001", default: "sonnet" } }).warnings).toEqual([]);
  });

  it("judges by the catalogue's date: the same team on 2026-11-01 deploys Sonnet 4.5 with a retiring warning", () => {
    const { warnings } = team({ models: { ...MODELS, sonnet: RETIRED }, modelCatalogue: modelCatalogue.at("2026-11-01") });
    expect(warnings).toContainEqual(expect.stringContaining(`"${RETIRED}" (Claude Sonnet 4.5) retires on 2026-11-30, in 29 days`));
  });
});

describe("ClaudeCodeTeam with checkModelsWithPortkey", () => {
  it("reads each integration's models at plan time, requiring the models requests to it carry", () => {
    const routing = {
      strategy: "fallback" as const,
      targets: [{ integrationSlug: "vertex-us-east5" }, { integrationSlug: "vertex-eu", model: "claude-haiku-4-5@20251001" }],
    };
    const { tf } = team({ checkModelsWithPortkey: true, routing });
    const reads = Object.values(tf.data?.portkeyadmin_integration_models ?? {});
    expect(reads).toHaveLength(2);
    expect(reads).toEqual(
      expect.arrayContaining([
        { integration_slug: "vertex-us-east5", require_models: [MODELS.opus, MODELS.sonnet, MODELS.haiku] },
        { integration_slug: "vertex-eu", require_models: ["claude-haiku-4-5@20251001"] },
      ]),
    );
  });

  it("accepts a model the catalogue does not know without allowUnknownModels: Portkey's list decides at plan time", () => {
    const { tf } = team({ checkModelsWithPortkey: true, models: { ...MODELS, opus: "claude-opus-6" } });
    expect(Object.values(tf.data?.portkeyadmin_integration_models ?? {})).toEqual([{ integration_slug: "vertex-us-east5", require_models: ["claude-opus-6", MODELS.sonnet, MODELS.haiku] }]);
    expect(() => team({ models: { ...MODELS, opus: "claude-opus-6" } })).toThrow(/props\.models\.opus: .*not a known Vertex Claude model ID/);
  });

  it("still refuses retired models: Portkey's list says which IDs exist, the catalogue when they retire", () => {
    expect(() => team({ checkModelsWithPortkey: true, models: { ...MODELS, sonnet: RETIRED } })).toThrow(/was retired on 2026-11-30/);
  });

  it("reads nothing from Portkey by default (the built-in catalogue is the offline check)", () => {
    expect(team({}).tf.data).toBeUndefined();
  });
});

describe("PortkeyVertexIntegration and the model lifecycle", () => {
  it("refuses a retired model in the allow-list unless it is named in allowRetiredModels", () => {
    expect(() => integration({ models: ["claude-sonnet-5-5", RETIRED] })).toThrow(/PortkeyVertexIntegration: props\.models\.1: .*was retired on 2026-11-30.*allowRetiredModels/);
    const { warnings } = integration({ models: ["claude-sonnet-5-5", RETIRED], allowRetiredModels: [RETIRED] });
    expect(warnings).toContainEqual(expect.stringContaining("kept because it is named as an exception"));
  });

  it("warns about a retiring model in the allow-list", () => {
    expect(integration({ models: [RETIRING] }).warnings).toContainEqual(expect.stringContaining(`"${RETIRING}" (Claude Opus 4.5) retires on 2027-01-22`));
  });
});
