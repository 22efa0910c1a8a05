/**
 * Where secrets go when the many-teams stack is applied, planned, rotated and fails, with the
 * real terraform at TF_LOG=trace: every place a user, a CI log or a bug report could see is
 * searched for the admin key, every API-key secret the emulator ever issued, and the
 * service-account key material.
 *
 * The rule, and what the state holds:
 * - The service-account key (write-only attribute, ephemeral variable) and the admin key
 *   (provider configuration from the environment) appear nowhere: not in the state file, the
 *   plan (text or JSON), the trace log, terraform's output and errors, or anything the emulator
 *   logs or shows.
 * - An API key's secret is the `key` attribute of its portkeyadmin_api_key: Terraform state is
 *   plaintext JSON, so the state holds it, marked sensitive, by design (keep state in an
 *   encrypted, access-controlled backend). `terraform show -json` renders state values too, so a
 *   plan's JSON may hold it at exactly that attribute, marked sensitive. Anywhere else (any
 *   other attribute, plan text, logs, errors, the emulator's logs and inspection API) it must
 *   not appear.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { formatHit, scanTree, unzip } from "../support/secret-scan";
import { findLeaks, type NamedSecret, type NamedText } from "./support/leak-scan";
import { ADMIN_KEY, RecordedTerraform } from "./support/recorded-terraform";
import { SERVICE_ACCOUNT_VARIABLE, teamStackHcl } from "./support/team-stack";
import { transientFaults } from "./support/transient-faults";

jest.setTimeout(240_000);

const TEAMS = 10;
const TRACE = { TF_LOG: "trace", TF_LOG_PATH: "trace.log" };

type Json = null | boolean | number | string | Json[] | { [field: string]: Json };

interface StateInstance {
  attributes: Record<string, Json>;
  sensitive_attributes?: Json;
}
interface StateFile {
  resources: { type: string; name: string; instances: StateInstance[] }[];
}
interface PlanResource {
  type: string;
  values?: Record<string, Json>;
  sensitive_values?: Record<string, Json>;
}
interface PlanChange {
  type: string;
  change: { before: Record<string, Json> | null; after: Record<string, Json> | null; before_sensitive: Json; after_sensitive: Json };
}
interface PlanJson {
  prior_state?: { values?: { root_module?: { resources?: PlanResource[] } } };
  planned_values?: { root_module?: { resources?: PlanResource[] } };
  resource_changes?: PlanChange[];
}

const API_KEY = "portkeyadmin_api_key";

describe("secrets in everything the many-teams stack leaves behind", () => {
  let tf: RecordedTerraform;
  const texts: NamedText[] = [];
  let state: StateFile;
  let planJson: PlanJson;

  beforeAll(async () => {
    tf = await RecordedTerraform.start({ seed: 7, env: { [`TF_VAR_${SERVICE_ACCOUNT_VARIABLE}`]: JSON.stringify(FAKE_SERVICE_ACCOUNT) } });
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("applies the stack under transient faults with TF_LOG=trace, then plans a rotation of every team's key to a file", async () => {
    tf.configure(teamStackHcl(TEAMS, { rotation: "2026-01" }));
    tf.emulator.setFaults(transientFaults(0.3, 7));
    await tf.applyUntilConverged(4, TRACE);
    tf.emulator.setFaults({ rules: [] });

    tf.configure(teamStackHcl(TEAMS, { rotation: "2026-02" }));
    const plan = await tf.expect(["plan", "-input=false", "-out=rotate.tfplan"], 0, TRACE);
    expect(plan).toContain(`0 to add, ${TEAMS} to change, 0 to destroy`);
    expect(plan).toMatch(/~ key\s+= \(sensitive value\)/);
    planJson = JSON.parse(await tf.expect(["show", "-json", "rotate.tfplan"])) as PlanJson;
    texts.push({ where: "terraform show (plan text)", text: await tf.expect(["show", "rotate.tfplan"]) });
    // The ephemeral variable is not in the plan file: apply must be given it again (it is, by TF_VAR_).
    expect(await tf.expect(["apply", "-input=false", "rotate.tfplan"], 0, TRACE)).toContain(`0 added, ${TEAMS} changed, 0 destroyed`);
  });

  it("keeps every secret out of errors when the Admin API fails for good during a refresh", async () => {
    tf.emulator.setFaults({ rules: [{ path: "/v1/api-keys/*", fault: { kind: "status", status: 503 } }] });
    const failed = await tf.run(["plan", "-input=false"], { ...TRACE, PORTKEY_MAX_RETRIES: "1" });
    tf.emulator.setFaults({ rules: [] });
    expect(failed.status).toBe(1);
    expect(failed.output).toContain("HTTP 503");
    expect((await tf.plan()).status).toBe(0);
  });

  it("finds the service-account key and the admin key nowhere, and API-key secrets only in the state's sensitive `key`", async () => {
    state = JSON.parse(tf.file("terraform.tfstate")) as StateFile;
    const snapshot = tf.emulator.snapshot();
    const inspect = async (path: string) => {
      const response = await fetch(`${tf.emulator.url}/_emulator/${path}`, { headers: { "x-portkey-api-key": ADMIN_KEY } });
      return { where: `emulator GET /_emulator/${path}`, text: await response.text() };
    };
    texts.push(
      { where: "terraform.tfstate without the api keys' `key`", text: JSON.stringify(withoutApiKeySecrets(state)) },
      { where: "plan JSON without the api keys' `key`", text: JSON.stringify(planWithoutApiKeySecrets(planJson)) },
      { where: "TF_LOG=trace log", text: tf.file("trace.log") },
      // `show -json` prints the plan JSON: scanned above, where the sensitive `key` values are allowed.
      ...tf.transcript
        .map((run, index) => ({ where: `output of run ${index + 1} (terraform ${run.args.join(" ")})`, text: run.output, planJson: run.args[0] === "show" && run.args.includes("-json") }))
        .filter((run) => !run.planJson)
        .map(({ where, text }) => ({ where, text })),
      { where: "emulator log", text: tf.emulatorLog.join("\n") },
      { where: "emulator request log", text: JSON.stringify(tf.emulator.requests()) },
      { where: "emulator snapshot()", text: JSON.stringify(snapshot) },
      ...(await Promise.all(["state", "requests", "gateway-requests", "counts", "duplicates", "faults"].map(inspect))),
    );
    expect(tf.file("trace.log")).toContain("provider.terraform-provider-portkeyadmin");
    expect(texts.find((t) => t.where.startsWith("TF_LOG"))?.text.length).toBeGreaterThan(1_000_000);

    expect(findLeaks(secrets(), texts)).toEqual([]);
  });

  it("holds in state each Claude Code key's current secret (the rotated one), marked sensitive", () => {
    const issued = new Map(tf.emulatorStore().apiKeys.map((key) => [key.id, key]));
    const rotated = state.resources.filter((r) => r.type === API_KEY && r.name === "claude_code").flatMap((r) => r.instances);
    expect(rotated).toHaveLength(TEAMS);
    for (const instance of rotated) {
      const record = issued.get(String(instance.attributes.id));
      expect(instance.attributes.key).toBe(record?.secret);
      expect(record?.previous_secret).toMatch(/^pk-/);
      expect(JSON.stringify(instance.sensitive_attributes)).toContain('"key"');
    }
  });

  it("leaves its working directory for the suite-wide scan, which decodes the binary plans and finds nothing", () => {
    // The jest global teardown scans every suite's artifacts this way (test/support/secret-scan.ts).
    const entries = unzip(readFileSync(join(tf.dir, "rotate.tfplan"))).map((entry) => entry.name);
    expect(entries).toEqual(expect.arrayContaining(["tfplan", "tfstate", "tfstate-prev"]));
    const scanned = scanTree(tf.dir, secrets().map(({ label, value }) => ({ label, value, kind: /API key/.test(label) ? "api-key" : /service-account/.test(label) ? "service-account" : "admin-key" })));
    expect(scanned.zipEntries).toBeGreaterThanOrEqual(entries.length);
    expect(scanned.bytes).toBeGreaterThan(1_000_000);
    expect(scanned.hits.map(formatHit)).toEqual([]);
  });

  it("would have caught a leak: the scan finds a planted secret and says where", () => {
    const planted = [{ where: "a planted log", text: `line one\nAuthorization: ${ADMIN_KEY}\n` }];
    expect(findLeaks([{ label: "the admin key", value: ADMIN_KEY }], planted)).toEqual(["the admin key in a planted log (line 2, 1 time)"]);
  });

  /** What must not leak: read back from the emulator's own store, not from what terraform says. */
  function secrets(): NamedSecret[] {
    const store = tf.emulatorStore();
    const keySecrets = store.apiKeys.flatMap((key) => [
      { label: `API key secret of "${key.name}"`, value: key.secret },
      ...(key.previous_secret ? [{ label: `pre-rotation API key secret of "${key.name}"`, value: key.previous_secret }] : []),
    ]);
    // Two live keys per team, no twin left behind. Every team's Claude Code key was rotated, so it
    // holds a previous secret; under the faults another key may too (its replacement's create
    // answer was also lost and it was rotated: api-key.ts replaceLostKey). All of them are scanned.
    expect(store.apiKeys).toHaveLength(2 * TEAMS);
    expect(store.apiKeys.filter((key) => key.previous_secret).length).toBeGreaterThanOrEqual(TEAMS);
    return [
      { label: "the admin key", value: ADMIN_KEY },
      { label: "the service-account private key body", value: FAKE_KEY_MATERIAL },
      { label: "the service-account private_key", value: FAKE_SERVICE_ACCOUNT.private_key },
      { label: "the service-account private_key_id", value: FAKE_SERVICE_ACCOUNT.private_key_id },
      { label: "the service-account key file", value: JSON.stringify(FAKE_SERVICE_ACCOUNT) },
      ...keySecrets,
    ];
  }
});

/** The state with each api key's `key` (where the secret belongs, marked sensitive) removed. */
function withoutApiKeySecrets(state: StateFile): StateFile {
  return {
    ...state,
    resources: state.resources.map((resource) =>
      resource.type !== API_KEY
        ? resource
        : { ...resource, instances: resource.instances.map((instance) => ({ ...instance, attributes: { ...instance.attributes, key: "(checked separately)" } })) },
    ),
  };
}

/**
 * The plan JSON with the api keys' `key` removed where terraform marks it sensitive (its JSON
 * carries state values in clear by design). Left in place when not marked, so the scan reports it.
 */
function planWithoutApiKeySecrets(plan: PlanJson): PlanJson {
  const dropKey = <T extends Record<string, Json> | null | undefined>(values: T, sensitive: Json | undefined): T =>
    values && isRecord(sensitive) && sensitive.key === true ? { ...values, key: "(sensitive)" } : values;
  const resources = (list: PlanResource[] | undefined) => list?.map((r) => (r.type === API_KEY ? { ...r, values: dropKey(r.values, r.sensitive_values) } : r));
  return {
    ...plan,
    prior_state: plan.prior_state && {
      ...plan.prior_state,
      values: { ...plan.prior_state.values, root_module: { ...plan.prior_state.values?.root_module, resources: resources(plan.prior_state.values?.root_module?.resources) } },
    },
    planned_values: plan.planned_values && { ...plan.planned_values, root_module: { ...plan.planned_values.root_module, resources: resources(plan.planned_values.root_module?.resources) } },
    resource_changes: plan.resource_changes?.map((rc) =>
      rc.type !== API_KEY ? rc : { ...rc, change: { ...rc.change, before: dropKey(rc.change.before, rc.change.before_sensitive), after: dropKey(rc.change.after, rc.change.after_sensitive) } },
    ),
  };
}

const isRecord = (value: Json | undefined): value is { [field: string]: Json } => typeof value === "object" && value !== null && !Array.isArray(value);
