/**
 * A few corpus mistakes through the real terraform: the provider's diagnostic reaches the user
 * with the file and line of the attribute, and a bad key file's private key is not printed.
 * Mistakes in the environment (PORTKEY_BASE_URL, PORTKEY_API_KEY, PORTKEY_MAX_RETRIES, https://
 * against a plain-http server) stop before any request, naming the variable and the fix.
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
    expect(unwrapped(output)).toContain(`base_url: "api.portkey.ai/v1" is not a URL. Fix: write the full URL, e.g. "https://api.portkey.ai/v1".`);
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

  describe("mistakes in the environment terraform runs in", () => {
    const WORKSPACE = `resource "portkeyadmin_workspace" "team" {
  name = "payments"
}
`;
    /** A provider block that leaves the setting to the environment. */
    const withProvider = (block: string) => write(`${REQUIRED}provider "portkeyadmin" {
${block}}
${WORKSPACE}`);
    const requestsBefore = () => tf.emulator.requests().length;

    it("PORTKEY_BASE_URL without /v1: stops at configuration, names the variable and the fix, sends nothing", async () => {
      withProvider("");
      const before = requestsBefore();
      const origin = tf.emulator.adminUrl.replace(/\/v1$/, "");
      const { status, output } = await tf.run(["plan", "-no-color", "-input=false"], { PORTKEY_BASE_URL: origin });
      expect(status).toBe(1);
      expect(output).toContain("Error: Invalid PORTKEY_BASE_URL");
      expect(unwrapped(output)).toContain(`PORTKEY_BASE_URL: "${origin}" is not the Admin API: its paths live under /v1 (without it every call answers 404). Fix: use "${origin}/v1"`);
      expect(tf.emulator.requests().length).toBe(before);
    });

    it("PORTKEY_API_KEY with a Windows line end: names the variable and the character, never the key, and claims nothing was created", async () => {
      withProvider(`  base_url = "${tf.emulator.adminUrl}"\n`);
      const before = requestsBefore();
      const { status, output } = await tf.run(["apply", "-auto-approve", "-no-color", "-input=false"], { PORTKEY_API_KEY: `${ADMIN_KEY}\r\n` });
      expect(status).toBe(1);
      expect(output).toContain("Error: Invalid Portkey Admin API key");
      expect(unwrapped(output)).toContain("PORTKEY_API_KEY ends with a line break (CR LF, a Windows line end), which cannot be sent in an HTTP header, so nothing was sent.");
      expect(output).not.toMatch(/may have been created|UND_ERR_INVALID_ARG/);
      expect(output).not.toContain(ADMIN_KEY);
      expect(tf.emulator.requests().length).toBe(before);
    });

    it("https:// against the plain-http emulator: not sent, the likely cause named, no false 'may have been created'", async () => {
      const https = tf.emulator.adminUrl.replace("http://", "https://");
      withProvider(`  base_url    = "${https}"\n  max_retries = 3\n`);
      const before = tf.emulator.counts().workspaces;
      const { status, output } = await tf.run(["apply", "-auto-approve", "-no-color", "-input=false"]);
      expect(status).toBe(1);
      expect(unwrapped(output)).toContain(
        `was not sent: the server at ${new URL(https).origin} does not speak TLS (ERR_SSL_WRONG_VERSION_NUMBER): most likely the URL says https:// for a plain-http server`,
      );
      expect(output).not.toMatch(/may have been created|SSL routines|gave up after/);
      expect(tf.emulator.counts().workspaces).toBe(before);
    });

    it("PORTKEY_MAX_RETRIES of 100: refused like max_retries = 100, naming the variable", async () => {
      withProvider(`  base_url = "${tf.emulator.adminUrl}"\n`);
      const { status, output } = await tf.run(["plan", "-no-color", "-input=false"], { PORTKEY_MAX_RETRIES: "100" });
      expect(status).toBe(1);
      expect(output).toContain("Error: Invalid PORTKEY_MAX_RETRIES");
      expect(unwrapped(output)).toContain("PORTKEY_MAX_RETRIES is 100: at most 20 retries are allowed");
    });

    it("request_timeout_ms = 1e12: refused at its line", async () => {
      withProvider(`  base_url           = "${tf.emulator.adminUrl}"\n  request_timeout_ms = 1e12\n`);
      const { status, output } = await tf.run(["plan", "-no-color", "-input=false"]);
      expect(status).toBe(1);
      expect(output).toContain("Error: Invalid value for request_timeout_ms");
      expect(output).toContain('on main.tf line 8, in provider "portkeyadmin":');
      expect(unwrapped(output)).toContain("request_timeout_ms must be a whole number from 100 to 120000");
    });

    it("plain http to another host: refused, so the admin key never travels in clear", async () => {
      withProvider(`  base_url = "http://portkey.internal.example.com/v1"\n`);
      const { status, output } = await tf.run(["plan", "-no-color", "-input=false"]);
      expect(status).toBe(1);
      expect(output).toContain("Error: Invalid value for base_url");
      expect(unwrapped(output)).toContain('base_url: "http://portkey.internal.example.com/v1" uses plain http, which would send Portkey keys unencrypted. Fix: use https');
    });
  });

  it('refuses a metadata key "__proto__" by name instead of planning a value Terraform calls a provider bug', async () => {
    tf.configure(`resource "portkeyadmin_workspace" "team" {
  name     = "payments"
  metadata = { "__proto__" = "x", team = "payments" }
}`);
    const { status, output } = await tf.run(["validate", "-no-color"]);
    expect(status).toBe(1);
    expect(output).toContain("Error: portkeyadmin_workspace: cannot decode the configuration");
    expect(unwrapped(output)).toContain('metadata: the map key "__proto__" cannot be used');
    expect(output).not.toContain("Provider produced invalid plan");
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
