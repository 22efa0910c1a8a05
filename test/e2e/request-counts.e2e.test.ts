/**
 * Admin API requests per resource per operation, with the real terraform, the bundled provider
 * and the emulator: one team's full resource set (the benchmark's, plus a model allow-list)
 * sends what each operation needs and no more: one GET per refresh, a write plus one read-back
 * (only the write where the answer already carries the object), one DELETE per destroy. A
 * needless request added to any resource fails here, naming the resource and the operation.
 * The same needs drive the requests benchmark (bench/support/request-kinds.ts); the last test
 * keeps the two in step.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectedRequests, lastSeq, type Operation, requestsByType } from "../../bench/support/request-kinds";
import { INTEGRATION_SLUG, providerStack } from "../../bench/support/team-set";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(180_000);

/** Requests by resource type, each by method: `{ portkeyadmin_workspace: { POST: 1 } }`. */
type Counts = Record<string, Record<string, number>>;

interface StateFile {
  resources: { type: string; instances: { attributes: Record<string, string> }[] }[];
}

const T = (name: string) => `portkeyadmin_${name}`;
const ACCESS = "portkeyadmin_integration_workspace_access.t000";
const KEY = "portkeyadmin_api_key.t000";

/** One team (revision > 0 changes an updatable attribute of every team resource) and the integration's model allow-list. */
function stack(adminUrl: string, revision: number, apiKeyExtra = ""): string {
  const models = revision === 0 ? '["claude-sonnet-4-5@20250929"]' : '["claude-sonnet-4-5@20250929", "claude-haiku-4-5@20251001"]';
  const team = providerStack(1, adminUrl, revision).replace(/(resource "portkeyadmin_api_key" "t000" \{\n)/, `$1${apiKeyExtra}`);
  return `${team}
resource "portkeyadmin_integration_models" "vertex" {
  integration_slug = portkeyadmin_integration.vertex.slug
  models           = ${models}
}
`;
}

/** Each of `types` sent exactly `methods`. */
const each = (types: readonly string[], methods: Record<string, number>): Counts => Object.fromEntries(types.map((type) => [T(type), methods]));

const TEAM_TYPES = ["workspace", "integration_workspace_access", "provider", "config", "usage_limits_policy", "api_key"] as const;
const ALL_TYPES = ["integration", "integration_models", ...TEAM_TYPES] as const;

describe("Admin API requests per resource per operation", () => {
  let tf: TerraformWorkspace;
  const seen: Array<[Operation, Counts]> = [];

  /** Run `work` and count the Admin API requests it caused, by resource type and method. */
  async function counted(operation: Operation | "import", work: () => Promise<unknown>): Promise<Counts> {
    const since = lastSeq(tf.emulator.requests());
    await work();
    const counts: Counts = {};
    for (const [type, methods] of requestsByType(tf.emulator.requests(), since)) counts[type] = Object.fromEntries(methods);
    if (operation !== "import") seen.push([operation, counts]);
    return counts;
  }
  const state = () => JSON.parse(readFileSync(join(tf.dir, "terraform.tfstate"), "utf8")) as StateFile;
  const configure = (revision: number, apiKeyExtra = "") => writeFileSync(join(tf.dir, "main.tf"), stack(tf.emulator.adminUrl, revision, apiKeyExtra));

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("create: one write and one read-back each; the workspace's POST answer is the object, access learns the slug for free; one leftover look-up for the integration and the workspaces", async () => {
    configure(0);
    const counts = await counted("create", () => tf.expect(["apply", "-auto-approve", "-input=false", "-refresh=false"]));
    expect(counts).toEqual({
      ...each(["provider", "config", "usage_limits_policy", "api_key"], { POST: 1, GET: 1 }),
      // Before the create, one GET of the slug and one listing of workspaces: did a killed apply
      // leave them? Nothing inside a workspace this apply made needs such a look-up.
      [T("integration")]: { POST: 1, GET: 2 },
      [T("workspace")]: { POST: 1, GET: 1 },
      [T("integration_workspace_access")]: { PUT: 1, GET: 1 },
      [T("integration_models")]: { GET: 2, PUT: 1 },
    });
  });

  it("refresh: one GET per resource", async () => {
    const counts = await counted("refresh", async () => expect((await tf.plan()).status).toBe(0));
    expect(counts).toEqual(each(ALL_TYPES, { GET: 1 }));
  });

  it("update: one write and one read-back each (PUTs answer {})", async () => {
    configure(1);
    const counts = await counted("update", () => tf.expect(["apply", "-auto-approve", "-input=false", "-refresh=false"]));
    expect(counts).toEqual({ ...each(TEAM_TYPES, { PUT: 1, GET: 1 }), [T("integration_models")]: { GET: 2, PUT: 1 } });
    expect((await tf.plan()).status).toBe(0);
  });

  it("an API key update with a rotation: the PUT, the rotation and a single read", async () => {
    configure(2, '  rotation_trigger = "2026-q1"\n');
    const counts = await counted("update", () => tf.expect(["apply", "-auto-approve", "-input=false", "-refresh=false"]));
    expect(counts[T("api_key")]).toEqual({ PUT: 1, POST: 1, GET: 1 });
    expect((await tf.plan()).status).toBe(0);
  });

  it("import of workspace access: one lookup of the workspace's slug, kept in state, so the next refresh is one GET", async () => {
    const attributes = (type: string) => state().resources.find((r) => r.type === T(type))?.instances[0].attributes ?? {};
    const workspace = attributes("workspace");
    expect(attributes("integration_workspace_access").workspace_slug).toBe(workspace.slug);
    await tf.expect(["state", "rm", ACCESS]);
    const imported = await counted("import", () => tf.expect(["import", "-input=false", ACCESS, `${INTEGRATION_SLUG}/${workspace.id}`]));
    // A new provider process has not seen the workspace: the listing, and one GET for the slug.
    expect(imported).toEqual({ [T("integration_workspace_access")]: { GET: 1 }, [T("workspace")]: { GET: 1 } });
    expect(attributes("integration_workspace_access").workspace_slug).toBe(workspace.slug);
    // create_default_provider = false is write-only (Portkey does not report it): nothing to plan.
    const refreshed = await counted("refresh", async () => expect((await tf.plan()).status).toBe(0));
    expect(refreshed).toEqual(each(ALL_TYPES, { GET: 1 }));
  });

  it("import of an API key bound to its config by slug: the key and one listing for the slug, so the next refresh is one GET", async () => {
    const key = state().resources.find((r) => r.type === T("api_key"))?.instances[0].attributes ?? {};
    // An import cannot know rotation_trigger: a configuration that sets one plans a rotation.
    configure(2);
    await tf.expect(["state", "rm", KEY]);
    const imported = await counted("import", () => tf.expect(["import", "-input=false", KEY, key.id]));
    expect(imported).toEqual({ [T("api_key")]: { GET: 1 }, [T("config")]: { GET: 1 } });
    const refreshed = await counted("refresh", async () => expect((await tf.plan()).status).toBe(0));
    expect(refreshed).toEqual(each(ALL_TYPES, { GET: 1 }));
  });

  it("destroy: one DELETE each; access is one PUT (enabled: false), the allow-list a read and a PUT", async () => {
    // The imports above left the access and the key without dependencies in state, and Terraform
    // orders a destroy by the state's: an apply with no changes records them, so the access is
    // revoked before its integration and workspace go (else the order varies run to run).
    await tf.expect(["apply", "-auto-approve", "-input=false", "-refresh=false"]);
    const access = state().resources.find((r) => r.type === T("integration_workspace_access"))?.instances[0] as { dependencies?: string[] } | undefined;
    expect(access?.dependencies).toEqual(expect.arrayContaining(["portkeyadmin_integration.vertex"]));
    const counts = await counted("destroy", () => tf.expect(["destroy", "-auto-approve", "-input=false", "-refresh=false"]));
    expect(counts).toEqual({
      ...each(["integration", "workspace", "provider", "config", "usage_limits_policy", "api_key"], { DELETE: 1 }),
      [T("integration_workspace_access")]: { PUT: 1 },
      [T("integration_models")]: { GET: 1, PUT: 1 },
    });
  });

  it("matches the benchmark's needs: no resource sends more than bench/support/request-kinds.ts allows", () => {
    const over: string[] = [];
    for (const [operation, counts] of seen) {
      for (const [type, methods] of Object.entries(counts)) {
        const sent = Object.values(methods).reduce((a, b) => a + b, 0);
        // The rotation's POST is on top of an update's needs.
        const allowed = expectedRequests(type, operation) + (operation === "update" && type === T("api_key") && methods.POST ? 1 : 0);
        if (sent > allowed) over.push(`${type} ${operation}: ${sent} sent, ${allowed} needed`);
      }
    }
    expect(over).toEqual([]);
    expect(seen.map(([operation]) => operation)).toEqual(["create", "refresh", "update", "update", "refresh", "refresh", "destroy"]);
  });
});
