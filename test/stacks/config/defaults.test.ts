/** How defaults reach each team: what a team sets wins, objects replace, models and metadata merge. */
import { loadTeamsFile } from "../../../stacks/config";
import { type LooseFile, validFile, writeTeamsFile } from "./support";

const load = (file: LooseFile) => loadTeamsFile(writeTeamsFile(file));
const team = (file: LooseFile, name: string) => {
  const found = load(file).teams.find((t) => t.name === name);
  if (!found) throw new Error(`no team ${name}`);
  return found;
};

describe("defaults merged into each team", () => {
  it("gives a team that sets nothing the defaults, then the built-ins", () => {
    const file = validFile();
    file.defaults.rate_limit = { value: 300 };
    expect(team(file, "payments")).toEqual({
      name: "payments",
      budget: { type: "cost", limit: 500, periodic_reset: "monthly" },
      rate_limit: { type: "requests", unit: "rpm", value: 300 },
      per_developer_budget: null,
      models: { opus: "claude-opus-5-5", sonnet: "claude-sonnet-5-5", haiku: "claude-haiku-5-5", default: "sonnet", allow_unknown_models: false, allow_retired_models: [] },
      routing: { strategy: "none" },
      keys: [{ name: "claude-code", kind: "service", metadata: {} }],
      metadata: {},
      settings_mode: "provider-slug",
      key_readers: [],
    });
  });

  it("replaces a default budget whole (fields the team leaves out take their own defaults)", () => {
    const file = validFile();
    file.defaults.budget = { type: "cost", limit: 500, alert_threshold: 400, periodic_reset: "weekly" };
    expect(team(file, "mobile").budget).toEqual({ type: "cost", limit: 300, periodic_reset: "monthly" });
  });

  it("lets null switch a default budget or rate limit off for one team", () => {
    const file = validFile();
    file.defaults.rate_limit = { value: 300 };
    file.teams[1].budget = null;
    file.teams[1].rate_limit = null;
    const search = team(file, "search");
    expect([search.budget, search.rate_limit]).toEqual([null, null]);
    expect(team(file, "payments").budget?.limit).toBe(500);
  });

  it("merges models slot by slot: team, then defaults, then the catalogue", () => {
    const file = validFile();
    file.defaults.models = { sonnet: "claude-sonnet-4-6", default: "opus" };
    file.teams[0].models = { haiku: "claude-haiku-4-5@20251001" };
    expect(team(file, "payments").models).toEqual({
      opus: "claude-opus-5-5",
      sonnet: "claude-sonnet-4-6",
      haiku: "claude-haiku-4-5@20251001",
      default: "opus",
      allow_unknown_models: false,
      allow_retired_models: [],
    });
  });

  it("merges metadata key by key, the team's value winning", () => {
    const file = validFile();
    file.defaults.metadata = { managed_by: "platform", env: "prod" };
    file.teams[0].metadata = { env: "staging", team: "payments" };
    expect(team(file, "payments").metadata).toEqual({ managed_by: "platform", env: "staging", team: "payments" });
  });

  it("takes settings mode, routing and keys from defaults unless the team sets them", () => {
    const file = validFile();
    file.defaults.settings_mode = "api-key-helper";
    file.defaults.key_readers = ["group:devs@acme.com"];
    file.defaults.keys = [{ name: "shared" }];
    file.teams[0].settings_mode = "provider-slug";
    file.teams[0].keys = [{ name: "ci", count: 3 }];
    expect(team(file, "search")).toMatchObject({ settings_mode: "api-key-helper", keys: [{ name: "shared" }] });
    const payments = team(file, "payments");
    expect(payments.settings_mode).toBe("provider-slug");
    expect(payments.keys.map((key) => key.name)).toEqual(["ci", "ci-2", "ci-3"]);
  });

  it("gives every key that count expands the key's rotation_days, from defaults too", () => {
    const file = validFile();
    file.defaults.keys = [{ name: "claude-code", rotation_days: 90 }];
    file.teams[0].keys = [{ name: "ci", count: 2, rotation_days: 30 }, { name: "batch" }];
    expect(team(file, "payments").keys).toEqual([
      { name: "ci", kind: "service", metadata: {}, rotation_days: 30 },
      { name: "ci-2", kind: "service", metadata: {}, rotation_days: 30 },
      { name: "batch", kind: "service", metadata: {} },
    ]);
    expect(team(file, "search").keys).toEqual([{ name: "claude-code", kind: "service", metadata: {}, rotation_days: 90 }]);
  });

  it("accepts a model newer than the catalogue only with allow_unknown_models, from defaults too", () => {
    const file = validFile();
    file.teams[0].models = { opus: "claude-opus-6" };
    expect(() => load(file)).toThrow('teams[0].models.opus: "claude-opus-6" is not a known Vertex Claude model ID');
    file.defaults.models = { allow_unknown_models: true };
    expect(team(file, "payments").models.opus).toBe("claude-opus-6");
  });

  it("still refuses the Anthropic-API form of a dated ID with allow_unknown_models", () => {
    const file = validFile();
    file.teams[0].models = { haiku: "claude-haiku-4-5-20251001", allow_unknown_models: true };
    expect(() => load(file)).toThrow('use "claude-haiku-4-5@20251001"');
  });
});

describe("file-level defaults", () => {
  it("derives the gateway URL from the Admin API URL and the integration region from gcp.region", () => {
    const file = validFile();
    file.portkey = { base_url: "http://127.0.0.1:8787/v1" };
    file.gcp.region = "us-east5";
    const config = load(file);
    expect(config.portkey).toEqual({
      base_url: "http://127.0.0.1:8787/v1",
      gateway_url: "http://127.0.0.1:8787",
      integration: { slug: "vertex-claude", name: "Vertex AI (Claude Code)", region: "us-east5" },
    });
    expect(config.gcp).toEqual({ project_id: "acme-claude-prod", region: "us-east5", service_account_id: "portkey-vertex", key: { source: "create" } });
    expect(config.backend).toEqual({ type: "local" });
  });

  it("resolves a gcs backend and an existing key secret with their defaults", () => {
    const file = validFile();
    file.backend = { type: "gcs", bucket: "acme-tf-state" };
    file.gcp.key = { source: "existing-secret", secret: "portkey-vertex-key" };
    const config = load(file);
    expect(config.backend).toEqual({ type: "gcs", bucket: "acme-tf-state", prefix: "claude-vertex-portkey" });
    expect(config.gcp.key).toEqual({ source: "existing-secret", secret: "portkey-vertex-key", version: "latest" });
  });
});

describe("warnings: files that deploy but deserve a look", () => {
  it("warns about legacy-vertex mode, a model in another family's slot, and an ineffective per-developer budget", () => {
    const file = validFile();
    file.teams[0].settings_mode = "legacy-vertex";
    file.teams[1].models = { opus: "claude-sonnet-4-6" };
    file.teams[2].per_developer_budget = { limit: 300 };
    const { warnings } = load(file);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/teams\.json: teams\[0\]\.settings_mode: settings_mode "legacy-vertex" is the mode .* Fix: prefer "provider-slug"/);
    expect(warnings[1]).toContain('teams[1].models.opus: "claude-sonnet-4-6" is a sonnet model in the opus slot');
    expect(warnings[2]).toContain("teams[2].per_developer_budget.limit: the per-developer limit (300) is not below the team's whole budget (300)");
  });

  it("warns when the catalogue does not list a model in a region the team routes to", () => {
    const file = validFile();
    file.teams[0].routing = { strategy: "fallback", targets: [{ region: "global" }, { region: "asia-east1" }] };
    file.teams[0].models = { opus: "claude-opus-4-8", sonnet: "claude-sonnet-4-6", haiku: "claude-haiku-4-5@20251001" };
    expect(load(file).warnings).toEqual(
      ["opus", "sonnet", "haiku"].map((slot) => expect.stringMatching(new RegExp(`teams\\[0\\]\\.models\\.${slot}: ".*" is not listed for "asia-east1" in the catalogue`))),
    );
  });
});
