/**
 * The legacy portkeyadmin_virtual_key's write-only `service_account_json`, fed by an ephemeral
 * variable as docs/provider.md recommends, with the real terraform at TF_LOG=trace: a plan saved
 * to a file, its JSON, the apply of that plan, a rotation (a new key and version re-create the
 * virtual key), the state and the trace logs never hold the key, raw, JSON-escaped or base64.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FAKE_KEY_SECRETS, FAKE_ROTATED_SERVICE_ACCOUNT, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { unzip } from "../support/secret-scan";
import { findLeaks, type NamedText } from "./support/leak-scan";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(180_000);

const CONFIG = `
variable "vertex_key" {
  type      = string
  sensitive = true
  ephemeral = true
}
variable "vertex_key_version" {
  type = number
}
resource "portkeyadmin_workspace" "team" {
  name = "legacy-team"
}
resource "portkeyadmin_virtual_key" "vertex" {
  name                         = "vertex-legacy"
  workspace_id                 = portkeyadmin_workspace.team.id
  vertex_region                = "us-east5"
  vertex_project_id            = "demo-project"
  service_account_json         = var.vertex_key
  service_account_json_version = var.vertex_key_version
}
`;

describe("portkeyadmin_virtual_key's service-account key in saved plans", () => {
  let tf: TerraformWorkspace;
  const texts: NamedText[] = [];
  let runs = 0;

  const withKey = (key: object, version: number): NodeJS.ProcessEnv => ({ TF_VAR_vertex_key: JSON.stringify(key), TF_VAR_vertex_key_version: String(version) });

  async function traced(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
    runs++;
    const output = await tf.expect(args, 0, { ...env, TF_LOG: "trace", TF_LOG_PATH: join(tf.dir, `trace-${runs}.log`) });
    texts.push({ where: `terraform ${args.join(" ")}`, text: output });
    return output;
  }

  async function virtualKeyEmail(): Promise<string | undefined> {
    const slug = String(tf.attributes("portkeyadmin_virtual_key").slug);
    const { json } = (await tf.admin("GET", `/virtual-keys/${slug}`)) as { json: { model_config?: { masked_vertexServiceAccountJson?: { client_email?: string } } } };
    return json.model_config?.masked_vertexServiceAccountJson?.client_email;
  }

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    tf.configure(CONFIG);
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("creates it from a saved plan, the key given again at apply", async () => {
    expect(await traced(["plan", "-input=false", "-out=create.tfplan"], withKey(FAKE_SERVICE_ACCOUNT, 1))).toContain("Plan: 2 to add");
    await traced(["show", "-json", "create.tfplan"], {});
    expect(await traced(["apply", "-input=false", "create.tfplan"], withKey(FAKE_SERVICE_ACCOUNT, 1))).toContain("Apply complete! Resources: 2 added");
    expect(await virtualKeyEmail()).toBe(FAKE_SERVICE_ACCOUNT.client_email);
  });

  it("re-creates it with the new key when the version changes", async () => {
    expect(await traced(["plan", "-input=false", "-out=rotate.tfplan"], withKey(FAKE_ROTATED_SERVICE_ACCOUNT, 2))).toContain("Plan: 1 to add, 0 to change, 1 to destroy");
    await traced(["show", "-json", "rotate.tfplan"], {});
    await traced(["apply", "-input=false", "rotate.tfplan"], withKey(FAKE_ROTATED_SERVICE_ACCOUNT, 2));
    expect(await virtualKeyEmail()).toBe(FAKE_ROTATED_SERVICE_ACCOUNT.client_email);
  });

  it("leaves neither key in the plan files, their JSON, the state or the trace logs", () => {
    const all: NamedText[] = [...texts, { where: "terraform.tfstate", text: readFileSync(join(tf.dir, "terraform.tfstate"), "utf8") }];
    for (const plan of ["create.tfplan", "rotate.tfplan"]) {
      for (const entry of unzip(readFileSync(join(tf.dir, plan)))) all.push({ where: `${plan}!${entry.name}`, text: entry.data.toString("latin1") });
    }
    const logs = readdirSync(tf.dir).filter((name) => name.startsWith("trace-"));
    for (const name of logs) all.push({ where: name, text: readFileSync(join(tf.dir, name), "utf8") });
    expect(findLeaks(FAKE_KEY_SECRETS, all)).toEqual([]);
    expect(logs).toHaveLength(6);
  });
});
