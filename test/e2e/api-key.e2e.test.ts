/**
 * The portkeyadmin_api_key lifecycle with the real terraform, the bundled provider and the
 * emulator: a Claude Code key per team, rotated by changing `rotation_trigger`, whose secret
 * only ever shows as "(sensitive value)".
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lastSeq, requestsByType } from "../../bench/support/request-kinds";
import { type TerraformStateFile, TerraformWorkspace } from "./support/terraform";

jest.setTimeout(180_000);

interface KeyOptions {
  description?: string;
  workspace?: "team" | "other";
  trigger?: string | null;
}

const config = ({ description = "Claude Code for payments", workspace = "team", trigger = "2026-01" }: KeyOptions = {}) => `
resource "portkeyadmin_workspace" "team" {
  name = "payments"
}
resource "portkeyadmin_workspace" "other" {
  name = "billing"
}
resource "portkeyadmin_api_key" "claude" {
  name         = "claude-code-payments"
  description  = "${description}"
  workspace_id = portkeyadmin_workspace.${workspace}.id
  metadata     = { team = "payments" }
  usage_limits = { type = "cost", credit_limit = 100, alert_threshold = 80, periodic_reset = "monthly" }
  rate_limits  = [{ type = "requests", unit = "rpm", value = 60 }]
  alert_emails = ["lead@example.com"]
  expires_at   = "2030-01-31T00:00:00Z"
  ${trigger === null ? "" : `rotation_trigger = "${trigger}"`}
}
output "key" {
  value     = portkeyadmin_api_key.claude.key
  sensitive = true
}
`;

describe("portkeyadmin_api_key with the real terraform", () => {
  let tf: TerraformWorkspace;
  let id = "";
  let secret = "";

  const stateKey = (): { id: string; key: string | null } => {
    const attributes = tf.attributes("portkeyadmin_api_key") as { id?: string; key?: string | null };
    return { id: attributes.id ?? "", key: attributes.key ?? null };
  };
  /** The gateway's answer to a Claude Code request made with `key` (401 = not accepted). */
  const gatewayStatus = async (key: string) => {
    const response = await fetch(`${tf.emulator.url}/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "claude-sonnet-4-5@20250929", max_tokens: 8, messages: [{ role: "user", content: "hi" }] }),
    });
    await response.arrayBuffer();
    return response.status;
  };
  const leaks = (text: string, value: string) => value !== "" && text.includes(value);

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("creates a workspace key with only completions.write; the secret is in state, not in the output", async () => {
    tf.configure(config());
    const output = await tf.apply();
    expect(output).toContain("Apply complete! Resources: 3 added");
    ({ id, key: secret } = stateKey() as { id: string; key: string });
    expect(secret).toMatch(/^pk-/);
    expect(leaks(output, secret)).toBe(false);
    const { json } = await tf.admin("GET", `/api-keys/${id}`);
    expect(json).toMatchObject({ scopes: ["completions.write"], type: "workspace-service", defaults: { metadata: { team: "payments" } } });
    expect((await tf.expect(["output", "-raw", "key"])).trim()).toBe(secret);
    expect(await gatewayStatus(secret)).not.toBe(401);
    const plan = await tf.plan();
    expect(plan.status).toBe(0);
    expect(leaks(plan.output, secret)).toBe(false);
  });

  it("updates in place, keeping the secret, and plans an update back after an out-of-band edit", async () => {
    tf.configure(config({ description: "Claude Code for payments and billing" }));
    await tf.admin("PUT", `/api-keys/${id}`, { usage_limits: { type: "cost", credit_limit: 5 } });
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toContain("1 to change");
    expect(plan.output).toMatch(/credit_limit\s+= 5 -> 100/);
    await tf.apply();
    const { json } = await tf.admin("GET", `/api-keys/${id}`);
    expect(json).toMatchObject({ description: "Claude Code for payments and billing", usage_limits: { credit_limit: 100 } });
    expect(stateKey()).toEqual({ id, key: secret });
    expect((await tf.plan()).status).toBe(0);
  });

  it("rotates when rotation_trigger changes: a new secret, the old one valid during the transition", async () => {
    tf.configure(config({ description: "Claude Code for payments and billing", trigger: "2026-02" }));
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toMatch(/~ key\s+= \(sensitive value\)/);
    const output = await tf.apply();
    const rotated = stateKey();
    expect(rotated.id).toBe(id);
    expect(rotated.key).toMatch(/^pk-/);
    expect(rotated.key).not.toBe(secret);
    expect(leaks(output + plan.output, rotated.key ?? "")).toBe(false);
    expect(await gatewayStatus(rotated.key ?? "")).not.toBe(401);
    expect(await gatewayStatus(secret)).not.toBe(401);
    secret = rotated.key ?? "";
    expect((await tf.plan()).status).toBe(0);
  });

  it("replaces the key when its workspace changes", async () => {
    tf.configure(config({ description: "Claude Code for payments and billing", trigger: "2026-02", workspace: "other" }));
    const output = await tf.apply();
    expect(output).toContain("1 added, 0 changed, 1 destroyed");
    const replaced = stateKey();
    expect(replaced.id).not.toBe(id);
    expect(replaced.key).not.toBe(secret);
    expect((await tf.admin("GET", `/api-keys/${id}`)).status).toBe(404);
    expect(await gatewayStatus(secret)).toBe(401);
    ({ id, key: secret } = replaced as { id: string; key: string });
  });

  it("plans a re-create when the key was deleted out of band", async () => {
    expect((await tf.admin("DELETE", `/api-keys/${id}`)).status).toBe(200);
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toContain("portkeyadmin_api_key.claude will be created");
    await tf.apply();
    ({ id, key: secret } = stateKey() as { id: string; key: string });
  });

  it("imports a key by id with a clean plan; the secret cannot be imported, so key is null", async () => {
    tf.configure(config({ description: "Claude Code for payments and billing", workspace: "other", trigger: null }));
    await tf.expect(["state", "rm", "portkeyadmin_api_key.claude"]);
    expect(await tf.expect(["import", "-input=false", "portkeyadmin_api_key.claude", id])).toContain("Import successful!");
    expect(stateKey()).toEqual({ id, key: null });
    expect((await tf.plan()).status).toBe(0);
  });

  it("names the attribute and suggests the scope for a typo, before any API call", async () => {
    tf.configure(`resource "portkeyadmin_api_key" "bad" {
  name         = "bad"
  workspace_id = "ws-payments"
  scopes       = ["completion.write"]
}
`);
    const before = tf.emulator.requests().length;
    const result = await tf.run(["plan", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output.replace(/\s+/g, " ")).toContain('unknown scope "completion.write"; did you mean "completions.write"?');
    expect(result.output).toMatch(/scopes/);
    expect(tf.emulator.requests().length).toBe(before);
  });

  it("destroys the key", async () => {
    tf.configure(config({ description: "Claude Code for payments and billing", workspace: "other", trigger: null }));
    expect(await tf.expect(["destroy", "-auto-approve", "-input=false"])).toContain("Destroy complete! Resources: 3 destroyed");
    expect((await tf.admin("GET", `/api-keys/${id}`)).status).toBe(404);
  });
});

const boundKey = (description: string) => `
resource "portkeyadmin_workspace" "team" {
  name = "search"
}
resource "portkeyadmin_config" "routing" {
  name         = "search-routing"
  workspace_id = portkeyadmin_workspace.team.id
  targets      = [{ provider = "@vertex-us" }]
}
resource "portkeyadmin_api_key" "claude" {
  name         = "claude-code-search"
  description  = "${description}"
  workspace_id = portkeyadmin_workspace.team.id
  config_id    = portkeyadmin_config.routing.slug
}
`;

describe("an imported portkeyadmin_api_key bound to a config by slug, as ClaudeCodeTeam binds it", () => {
  let tf: TerraformWorkspace;

  const attributes = (type: string) => tf.attributes(type);

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("imports with the config's slug (one lookup) and plans nothing afterwards", async () => {
    tf.configure(boundKey("Claude Code for search"));
    await tf.apply();
    const config = attributes("portkeyadmin_config");
    const { id } = attributes("portkeyadmin_api_key") as { id: string };
    // Portkey's quirk: the key names its config by UUID, whereas the configuration uses the slug.
    expect(((await tf.admin("GET", `/api-keys/${id}`)).json as { defaults: { config_id: string } }).defaults.config_id).toBe(config.id);

    await tf.expect(["state", "rm", "portkeyadmin_api_key.claude"]);
    const since = lastSeq(tf.emulator.requests());
    expect(await tf.expect(["import", "-input=false", "portkeyadmin_api_key.claude", id])).toContain("Import successful!");
    const counts = Object.fromEntries([...requestsByType(tf.emulator.requests(), since)].map(([type, methods]) => [type, Object.fromEntries(methods)]));
    // The key, and one listing of the workspace's configs for the slug.
    expect(counts).toEqual({ portkeyadmin_api_key: { GET: 1 }, portkeyadmin_config: { GET: 1 } });
    expect(attributes("portkeyadmin_api_key")).toMatchObject({ id, config_id: config.slug, config_uuid: config.id, key: null });

    const plan = await tf.plan();
    expect(plan.output).not.toContain("config_id");
    expect(plan.status).toBe(0);
  });

  it("updates the imported key in place without planning a secret: key stays null until a rotation", async () => {
    tf.configure(boundKey("Claude Code for search and ranking"));
    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toContain("Plan: 0 to add, 1 to change, 0 to destroy");
    expect(plan.output).not.toMatch(/\bkey\s+=/);
    expect(plan.output).not.toContain("key_transition_expires_at");
    await tf.apply();
    expect(attributes("portkeyadmin_api_key")).toMatchObject({ description: "Claude Code for search and ranking", key: null, config_id: attributes("portkeyadmin_config").slug });
    expect((await tf.plan()).status).toBe(0);
  });

  it("a rotation after the import gives the key a secret", async () => {
    tf.configure(boundKey("Claude Code for search and ranking").replace(/(config_id\s+=.*\n)/, '$1  rotation_trigger = "2026-03"\n'));
    const plan = await tf.plan();
    expect(plan.output).toMatch(/\+ key\s+= \(sensitive value\)/);
    await tf.apply();
    expect(attributes("portkeyadmin_api_key").key).toMatch(/^pk-/);
    expect((await tf.plan()).status).toBe(0);
    await tf.expect(["destroy", "-auto-approve", "-input=false"]);
  });
});

const twoConfigs = (description: string) => `
resource "portkeyadmin_workspace" "team" {
  name = "ranking"
}
resource "portkeyadmin_config" "a" {
  name         = "ranking-routing-a"
  workspace_id = portkeyadmin_workspace.team.id
  targets      = [{ provider = "@vertex-us" }]
}
resource "portkeyadmin_config" "b" {
  name         = "ranking-routing-b"
  workspace_id = portkeyadmin_workspace.team.id
  targets      = [{ provider = "@vertex-eu" }]
}
resource "portkeyadmin_api_key" "claude" {
  name         = "claude-code-ranking"
  description  = "${description}"
  workspace_id = portkeyadmin_workspace.team.id
  config_id    = portkeyadmin_config.a.slug
}
`;

describe("a portkeyadmin_api_key bound to a config by slug, rebound to another config out of band", () => {
  let tf: TerraformWorkspace;
  let id = "";
  let a = { id: "", slug: "" };
  let b = { id: "", slug: "" };

  const stateFile = () => join(tf.dir, "terraform.tfstate");
  const attributes = (type: string, name: string) => tf.attributes(type, name);
  const boundConfig = async () => ((await tf.admin("GET", `/api-keys/${id}`)).json as { defaults: { config_id: string | null } }).defaults.config_id;

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("keeps the slug in config_id and records the config's UUID in config_uuid", async () => {
    tf.configure(twoConfigs("Claude Code for ranking"));
    await tf.apply();
    a = attributes("portkeyadmin_config", "a") as typeof a;
    b = attributes("portkeyadmin_config", "b") as typeof b;
    ({ id } = attributes("portkeyadmin_api_key", "claude") as { id: string });
    expect(attributes("portkeyadmin_api_key", "claude")).toMatchObject({ config_id: a.slug, config_uuid: a.id });
    expect(await boundConfig()).toBe(a.id);
    expect((await tf.plan()).status).toBe(0);
  });

  it("plans config_id back to config A after the key was rebound to B through the Admin API; the apply binds it to A again", async () => {
    expect((await tf.admin("PUT", `/api-keys/${id}`, { defaults: { config_id: b.slug } })).status).toBe(200);
    expect(await boundConfig()).toBe(b.id);

    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toContain("Plan: 0 to add, 1 to change, 0 to destroy");
    // A UUID and a slug (pc-…) hold no regular-expression syntax.
    expect(plan.output).toMatch(new RegExp(`~ config_id\\s+= "${b.id}" -> "${a.slug}"`));

    await tf.apply();
    expect(await boundConfig()).toBe(a.id);
    expect(attributes("portkeyadmin_api_key", "claude")).toMatchObject({ config_id: a.slug, config_uuid: a.id });
    expect((await tf.plan()).status).toBe(0);
  });

  it("plans nothing for a state written before config_uuid existed, and the next apply records it", async () => {
    const state = JSON.parse(readFileSync(stateFile(), "utf8")) as TerraformStateFile;
    const key = state.resources.find((r) => r.type === "portkeyadmin_api_key")?.instances[0]?.attributes ?? {};
    delete key.config_uuid;
    writeFileSync(stateFile(), JSON.stringify(state, null, 2));
    expect(attributes("portkeyadmin_api_key", "claude")).not.toHaveProperty("config_uuid");

    const plan = await tf.plan();
    expect(plan.status).toBe(0);

    tf.configure(twoConfigs("Claude Code for ranking and search"));
    await tf.apply();
    expect(attributes("portkeyadmin_api_key", "claude")).toMatchObject({ config_id: a.slug, config_uuid: a.id });
    expect((await tf.plan()).status).toBe(0);
    await tf.expect(["destroy", "-auto-approve", "-input=false"]);
  });
});
