/**
 * The portkeyadmin_config lifecycle with the real terraform, the bundled provider and the
 * emulator: a typed routing config, the JSON Portkey receives, and no diff from the API's
 * JSON-string read-back.
 */
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(120_000);

interface ConfigView {
  slug: string;
  name: string;
  workspace_id: string;
  version_id: string;
  config: string;
}

const routing = (workspace: string, attempts: number) => `
resource "portkeyadmin_config" "claude" {
  name         = "claude-code-payments"
  workspace_id = "${workspace}"
  strategy = {
    mode            = "fallback"
    on_status_codes = [429, 503]
  }
  targets = [
    {
      provider        = "@vertex-us"
      override_params = { model = "claude-sonnet-4-5@20250929", max_tokens = 8192, extra = { temperature = 0.2 } }
    },
    { provider = "@vertex-eu" },
  ]
  retry           = { attempts = ${attempts}, on_status_codes = [429] }
  cache           = { mode = "simple", max_age = 3600 }
  forward_headers = ["x-team"]
  request_timeout = 60000
}

output "slug" {
  value = portkeyadmin_config.claude.slug
}
`;

describe("portkeyadmin_config with the real terraform", () => {
  let tf: TerraformWorkspace;
  let payments = "";
  let billing = "";
  let slug = "";

  const remote = async () => (await tf.admin("GET", `/configs/${slug}`)).json as ConfigView;
  /** Apply; the output block at the end of the apply names the config's slug. */
  const apply = async () => {
    const output = await tf.apply();
    slug = /Outputs:\s+slug = "([^"]+)"/.exec(output)?.[1] ?? "";
    return output;
  };

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    payments = ((await tf.admin("POST", "/admin/workspaces", { name: "payments" })).json as { id: string }).id;
    billing = ((await tf.admin("POST", "/admin/workspaces", { name: "billing" })).json as { id: string }).id;
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("shows the JSON it will send in the plan, creates the config, and a second plan shows no changes", async () => {
    tf.configure(routing(payments, 2));
    const output = await apply();
    // The plan renders the JSON to be sent as jsonencode({...}), for review before approval.
    expect(output).toContain("config_json     = jsonencode(");
    expect(output).toMatch(/\+ temperature\s+= 0\.2/);
    expect(slug).toMatch(/^pc-/);
    expect(JSON.parse((await remote()).config)).toEqual({
      strategy: { mode: "fallback", on_status_codes: [429, 503] },
      targets: [
        { provider: "@vertex-us", override_params: { model: "claude-sonnet-4-5@20250929", max_tokens: 8192, temperature: 0.2 } },
        { provider: "@vertex-eu" },
      ],
      retry: { attempts: 2, on_status_codes: [429] },
      cache: { mode: "simple", max_age: 3600 },
      forward_headers: ["x-team"],
      request_timeout: 60000,
    });
    expect((await tf.plan()).status).toBe(0);
  });

  it("updates in place, making a new config version under the same slug", async () => {
    const before = await remote();
    tf.configure(routing(payments, 4));
    expect(await apply()).toContain("0 added, 1 changed, 0 destroyed");
    const after = await remote();
    expect(after.slug).toBe(slug);
    expect(after.version_id).not.toBe(before.version_id);
    expect(JSON.parse(after.config).retry).toEqual({ attempts: 4, on_status_codes: [429] });
    expect((await tf.plan()).status).toBe(0);
  });

  it("plans an update back after an out-of-band edit, and a re-create after an out-of-band delete", async () => {
    const edited = { ...JSON.parse((await remote()).config), request_timeout: 5000 };
    expect((await tf.admin("PUT", `/configs/${slug}`, { config: edited })).status).toBe(200);
    const drift = await tf.plan();
    expect(drift.status).toBe(2);
    expect(drift.output).toMatch(/request_timeout\s+= 5000 -> 60000/);

    expect((await tf.admin("DELETE", `/configs/${slug}`)).status).toBe(200);
    const gone = await tf.plan();
    expect(gone.output).toContain("portkeyadmin_config.claude will be created");
    await apply();
    expect(JSON.parse((await remote()).config).request_timeout).toBe(60000);
  });

  it("replaces the config when it moves to another workspace", async () => {
    const old = slug;
    tf.configure(routing(billing, 4));
    const output = await apply();
    expect(output).toContain("forces replacement");
    expect(output).toContain("1 added, 0 changed, 1 destroyed");
    expect((await remote()).workspace_id).toBe(billing);
    expect((await tf.admin("GET", `/configs/${old}`)).status).toBe(404);
  });

  it("imports by slug, with no changes afterwards", async () => {
    await tf.expect(["state", "rm", "portkeyadmin_config.claude"]);
    expect(await tf.expect(["import", "-input=false", "portkeyadmin_config.claude", slug])).toContain("Import successful!");
    expect((await tf.plan()).status).toBe(0);
  });

  it('explains mistakes before any API call: "load-balance", weights, a provider without @', async () => {
    tf.configure(`resource "portkeyadmin_config" "bad" {
  name         = "bad"
  workspace_id = "${payments}"
  strategy     = { mode = "load-balance" }
  targets      = [{ provider = "vertex-us", weight = 1 }, { provider = "@vertex-eu", weight = 1 }]
}
`);
    const before = tf.emulator.requests().length;
    const result = await tf.run(["plan", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output).toContain('did you mean "loadbalance"?');
    expect(result.output).toContain('write "@vertex-us"');
    expect(result.output).toContain("strategy.mode");
    expect(tf.emulator.requests().length).toBe(before);
  });

  it("warns, without failing, about forwarding anthropic-beta to Vertex", async () => {
    tf.configure(`resource "portkeyadmin_config" "betas" {
  name            = "betas"
  workspace_id    = "${payments}"
  targets         = [{ provider = "@vertex-us" }]
  forward_headers = ["anthropic-beta"]
}
`);
    const result = await tf.run(["validate"]);
    expect(result.status).toBe(0);
    expect(result.output).toContain("Warning: anthropic-beta forwarded to Vertex");
    expect(result.output).toContain("400 Unexpected value(s)");
  });

  it("destroys the config", async () => {
    tf.configure(routing(billing, 4));
    expect(await tf.expect(["destroy", "-auto-approve", "-input=false"])).toContain("Destroy complete! Resources: 1 destroyed");
    expect((await tf.admin("GET", `/configs/${slug}`)).status).toBe(404);
    expect(tf.emulator.counts().configs).toBe(0);
  });
});
