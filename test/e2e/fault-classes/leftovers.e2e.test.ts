/**
 * What the provider does with an object a killed apply left (issue 13, class 3), each case made
 * exactly with `terraform state rm`: Portkey keeps the object, the state forgets it, as after a
 * SIGKILL between the create and the state write.
 * - the same settings as planned: adopted (a warning says so), an API key replaced; one object;
 * - other settings: the create stops, naming the object, what differs and the import command;
 * - two of them: the create stops, naming both;
 * and the request cost of the look-up in a workspace the apply did not create.
 */
import { PortkeyClient } from "../../../src/portkey";
import { ADMIN_KEY, RecordedTerraform } from "../support/recorded-terraform";

jest.setTimeout(300_000);

const STACK = `
resource "portkeyadmin_workspace" "team" {
  name = "leftover-team"
}
resource "portkeyadmin_config" "team" {
  name         = "leftover-config"
  workspace_id = portkeyadmin_workspace.team.id
  retry        = { attempts = 3 }
  targets      = [{ provider = "@vertex-left" }]
}
resource "portkeyadmin_api_key" "team" {
  name         = "leftover-key"
  workspace_id = portkeyadmin_workspace.team.id
  config_id    = portkeyadmin_config.team.slug
}
output "key" {
  value     = portkeyadmin_api_key.team.key
  sensitive = true
}
`;

describe("objects a killed apply left behind", () => {
  let tf: RecordedTerraform;
  let client: PortkeyClient;
  const apply = () => tf.run(["apply", "-auto-approve", "-input=false"]);
  /** Terraform wraps diagnostics: compare on one line. */
  const flat = (output: string) => output.replace(/\s+/g, " ");
  const stateId = async (address: string) => /^\s*id\s*=\s*"([^"]+)"/m.exec(await tf.expect(["state", "show", "-no-color", address]))?.[1];
  const key = async () => JSON.parse(await tf.expect(["output", "-json", "key"])) as string;

  beforeAll(async () => {
    tf = await RecordedTerraform.start();
    client = new PortkeyClient({ apiKey: ADMIN_KEY, baseUrl: tf.emulator.adminUrl });
    tf.configure(STACK);
    await tf.expect(["apply", "-auto-approve", "-input=false"]);
  });
  afterAll(async () => {
    await client?.close();
    await tf?.close();
  });

  it("adopts a leftover with the planned settings: one object, a warning; an API key, whose secret nobody holds, replaced by a new one", async () => {
    const configId = await stateId("portkeyadmin_config.team");
    const keyId = await stateId("portkeyadmin_api_key.team");
    const oldKey = await key();
    await tf.expect(["state", "rm", "portkeyadmin_config.team", "portkeyadmin_api_key.team"]);
    const since = tf.emulator.requests().length;
    const run = await apply();
    expect(run.status).toBe(0);
    expect(run.output).toContain("Adopted an object left by an interrupted apply");
    expect(tf.emulator.counts()).toMatchObject({ configs: 1, apiKeys: 1 });
    expect(await stateId("portkeyadmin_config.team")).toBe(configId);
    const newId = await stateId("portkeyadmin_api_key.team");
    expect(newId).not.toBe(keyId);
    expect(tf.emulator.snapshot().apiKeys.map((k) => k.id)).toEqual([newId]);
    const newKey = await key();
    expect(newKey).not.toBe(oldKey);
    expect(tf.emulatorStore().apiKeys.find((k) => k.id === newId)?.secret).toBe(newKey);
    // In a workspace this apply did not create: one listing per type, then the adoption's own reads.
    const lookups = tf.emulator.requests().slice(since).filter((r) => r.method === "GET" && (r.path === "/v1/configs" || r.path === "/v1/api-keys"));
    expect(lookups).toHaveLength(2);
    expect((await tf.plan()).status).toBe(0);
  });

  it("refuses a leftover whose settings differ, naming it, what differs and the import command", async () => {
    const configSlug = (await tf.expect(["state", "show", "-no-color", "portkeyadmin_config.team"])).match(/slug\s*=\s*"([^"]+)"/)?.[1] as string;
    await tf.expect(["state", "rm", "portkeyadmin_config.team"]);
    await client.configs.update(configSlug, { config: { retry: { attempts: 5 }, targets: [{ provider: "@vertex-left" }] } });
    const run = await apply();
    expect(run.status).toBe(1);
    expect(flat(run.output)).toMatch(/config "leftover-config" in workspace \S+ \(pc-[^)]+\) already exists in Portkey/);
    expect(flat(run.output)).toContain("differs from the configuration in retry.attempts, config_json");
    expect(flat(run.output)).toContain(`terraform import <this resource's address> ${configSlug}`);
    expect(tf.emulator.counts().configs).toBe(1);
    await tf.expect(["import", "-input=false", "portkeyadmin_config.team", configSlug]);
    await tf.expect(["apply", "-auto-approve", "-input=false"]);
    expect((await tf.plan()).status).toBe(0);
  });

  it("refuses two leftovers with the same name, naming both", async () => {
    const configSlug = (await tf.expect(["state", "show", "-no-color", "portkeyadmin_config.team"])).match(/slug\s*=\s*"([^"]+)"/)?.[1] as string;
    const workspaceId = (await stateId("portkeyadmin_workspace.team")) as string;
    await tf.expect(["state", "rm", "portkeyadmin_config.team"]);
    const twin = await client.configs.create({ name: "leftover-config", workspace_id: workspaceId, config: { retry: { attempts: 3 }, targets: [{ provider: "@vertex-left" }] } });
    const run = await apply();
    expect(run.status).toBe(1);
    expect(flat(run.output)).toContain("exists 2 times in Portkey");
    expect(run.output).toContain(configSlug);
    expect(run.output).toContain(twin.slug);
    expect(tf.emulator.counts().configs).toBe(2);
    await client.configs.delete(twin.slug);
    await tf.expect(["apply", "-auto-approve", "-input=false"]);
    expect(tf.emulator.counts().configs).toBe(1);
  });

  it("destroys without orphans afterwards", async () => {
    await tf.expect(["destroy", "-auto-approve", "-input=false"]);
    expect(tf.emulator.counts()).toMatchObject({ workspaces: 0, configs: 0, apiKeys: 0 });
  });
});
