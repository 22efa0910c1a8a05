/**
 * A few corpus mistakes through the real terraform: the provider's diagnostic reaches the user
 * with the file and line of the attribute, and a bad key file's private key is not printed.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { ADMIN_KEY, TerraformWorkspace } from "../e2e/support/terraform";

jest.setTimeout(120_000);

const REQUIRED = `terraform {
  required_providers {
    portkeyadmin = { source = "terraform.local/claude-vertex-portkey/portkeyadmin" }
  }
}
`;

/** Terraform wraps diagnostic details at 80 columns. */
const unwrapped = (output: string) => output.replace(/\s+/g, " ");

describe("bad input through the real terraform", () => {
  let tf: TerraformWorkspace;

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  /** Writes main.tf as given (lines matter: the assertions name them). */
  const write = (text: string) => writeFileSync(join(tf.dir, "main.tf"), text);

  // Terraform 1.11 resolves a diagnostic path only as far as a top-level attribute and the indexes
  // right after it; a path into a nested attribute (strategy.mode, usage_limits[0].type) is shown
  // at the resource block. The summary and detail still name the full path.
  it('reports "load-balance" at the resource block, naming strategy.mode (terraform validate)', async () => {
    tf.configure(`resource "portkeyadmin_config" "team" {
  name         = "payments routing"
  workspace_id = "ws-payments"
  strategy     = { mode = "load-balance" }
  targets      = [{ provider = "@vertex-a" }, { provider = "@vertex-b" }]
}`);
    // configure() writes 8 lines of terraform and provider blocks first: the resource is line 9.
    const { status, output } = await tf.run(["validate", "-no-color"]);
    expect(status).toBe(1);
    expect(output).toContain("Error: Unknown strategy.mode");
    expect(output).toContain("on main.tf line 9, in resource \"portkeyadmin_config\" \"team\":");
    expect(unwrapped(output)).toContain('strategy.mode is "load-balance"; did you mean "loadbalance"?');
  });

  it("points at the forward_headers line for a header name with a space", async () => {
    tf.configure(`resource "portkeyadmin_config" "team" {
  name            = "payments routing"
  workspace_id    = "ws-payments"
  targets         = [{ provider = "@vertex-prod" }]
  forward_headers = ["x-team", "x team"]
}`);
    const { status, output } = await tf.run(["validate", "-no-color"]);
    expect(status).toBe(1);
    expect(output).toContain("Error: Invalid header name");
    expect(output).toContain("on main.tf line 13, in resource \"portkeyadmin_config\" \"team\":");
    expect(unwrapped(output)).toContain('forward_headers[1] is "x team", which is not an HTTP header name');
  });

  it("points at the provider block's base_url line (terraform plan)", async () => {
    write(`${REQUIRED}provider "portkeyadmin" {
  base_url    = "api.portkey.ai/v1"
  max_retries = 1
}
resource "portkeyadmin_workspace" "team" {
  name = "payments"
}
`);
    const { status, output } = await tf.run(["plan", "-no-color", "-input=false"]);
    expect(status).toBe(1);
    expect(output).toContain("Error: Invalid value for base_url");
    expect(output).toContain("on main.tf line 7, in provider \"portkeyadmin\":");
    expect(unwrapped(output)).toContain("base_url must be an http(s) URL such as https://api.portkey.ai/v1");
    expect(output).not.toContain(ADMIN_KEY);
  });

  it("rejects a key file of user credentials at its line without printing the private key", async () => {
    const key = JSON.stringify({ ...FAKE_SERVICE_ACCOUNT, type: "authorized_user" });
    write(`${REQUIRED}provider "portkeyadmin" {
  base_url = "${tf.emulator.adminUrl}"
}
variable "key_json" {
  type      = string
  sensitive = true
}
resource "portkeyadmin_integration" "vertex" {
  slug                 = "vertex-prod"
  name                 = "Vertex prod"
  vertex_region        = "us-east5"
  service_account_json = var.key_json
}
`);
    const { status, output } = await tf.run(["plan", "-no-color", "-input=false"], { TF_VAR_key_json: key });
    expect(status).toBe(1);
    expect(output).toContain("Error: Invalid value for service_account_json");
    expect(output).toContain("on main.tf line 17, in resource \"portkeyadmin_integration\" \"vertex\":");
    expect(unwrapped(output)).toContain('service_account_json must have "type": "service_account" (it is "authorized_user")');
    expect(output).not.toContain(FAKE_KEY_MATERIAL);
  });

  it("leaves wrong types to Terraform itself, at the attribute's line", async () => {
    tf.configure(`resource "portkeyadmin_workspace" "team" {
  name         = "payments"
  usage_limits = [{ type = "cost", credit_limit = "five hundred" }]
}`);
    const { status, output } = await tf.run(["validate", "-no-color"]);
    expect(status).toBe(1);
    expect(output).toContain("Error: Incorrect attribute value type");
    expect(output).toContain("on main.tf line 11, in resource \"portkeyadmin_workspace\" \"team\":");
    expect(unwrapped(output)).toContain("a number is required");
  });
});
