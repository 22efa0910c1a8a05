/**
 * The suite-wide secret scan (test/support/secret-scan.ts, run by the jest global teardown over
 * the run root) finds a secret in each form it looks for, inside a plan file's compressed
 * entries too, and lets an API-key secret through only where Terraform state keeps it.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { appendToSecretsJournal } from "../../src/cli/emulator/secrets-journal";
import { FAKE_KEY_MATERIAL, FAKE_SERVICE_ACCOUNT } from "../fixtures/fake-service-account";
import { formatHit, type Secret, scanTree, unzip } from "../support/secret-scan";
import { secretsJournalPath, suiteSecrets } from "../support/suite-secrets";

const ADMIN = "pk-admin-seeded-3c9e71f0";
const API_KEY = "pk-AbCdEfGhIjKlMnOpQrStUvWxYz012345";
const OTHER_API_KEY = "pk-ZyXwVuTsRqPoNmLkJiHgFeDcBa987654";

const SECRETS: Secret[] = [
  { label: "the admin key", kind: "admin-key", value: ADMIN },
  { label: "API key one", kind: "api-key", value: API_KEY },
  { label: "API key two", kind: "api-key", value: OTHER_API_KEY },
  { label: "the service-account private_key", kind: "service-account", value: FAKE_SERVICE_ACCOUNT.private_key },
  { label: "the service-account private key body", kind: "service-account", value: FAKE_KEY_MATERIAL },
];

/** A terraform state holding `secret` as an api key's `key`, marked sensitive or not. */
function state(secret: string, sensitive: boolean, extra: Record<string, string> = {}): string {
  const instance = {
    attributes: { id: "k-1", name: "claude-code", key: secret, ...extra },
    sensitive_attributes: sensitive ? [[{ type: "get_attr", value: "key" }]] : [],
  };
  const resources = [{ mode: "managed", type: "portkeyadmin_api_key", name: "claude", instances: [instance] }];
  return JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 3, resources }, null, 2);
}

/** A zip archive the way terraform writes a plan: deflated entries, central directory at the end. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = deflateRawSync(Buffer.from(text));
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Buffer.byteLength(text), 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(Buffer.byteLength(text), 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(header, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// Outside the run root on purpose: these seeded leaks must not fail the real scan.
const seeded: string[] = [];
afterAll(() => {
  for (const dir of seeded) rmSync(dir, { recursive: true, force: true });
});

function seed(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "secret-scan-seeded-"));
  seeded.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

const findings = (root: string, skip: string[] = []) => scanTree(root, SECRETS, { skip: skip.map((name) => join(root, name)) }).hits.map(formatHit);

describe("the suite-wide secret scan", () => {
  it("finds a secret raw, JSON-escaped and base64-encoded, and says where without echoing it", () => {
    const root = seed({
      "tf/trace.log": `line one\nAuthorization: ${ADMIN}\n`,
      "cli/settings.json": JSON.stringify({ credentials: FAKE_SERVICE_ACCOUNT }),
      "emulator.log": `debug body ${Buffer.from(API_KEY).toString("base64")}\n`,
    });
    const hits = findings(root);
    expect(hits).toEqual(
      expect.arrayContaining([
        "the admin key (raw) in tf/trace.log (line 2, 1 time)",
        "the service-account private_key (JSON-escaped) in cli/settings.json (line 1, 1 time)",
        "the service-account private key body (raw) in cli/settings.json (line 1, 1 time)",
        "API key one (base64) in emulator.log (line 1, 1 time)",
      ]),
    );
    expect(hits).toHaveLength(4);
    expect(hits.join("\n")).not.toContain(ADMIN);
  });

  it("allows an API-key secret only as a sensitive `key` in terraform state, and nothing else there", () => {
    expect(findings(seed({ "tf/terraform.tfstate": state(API_KEY, true) }))).toEqual([]);
    expect(findings(seed({ "tf/terraform.tfstate": state(API_KEY, false) }))).toEqual([
      "API key one (raw) in tf/terraform.tfstate (state, sensitive values removed) (line 15, 1 time)",
    ]);
    expect(findings(seed({ "tf/terraform.tfstate.backup": state(API_KEY, true, { description: OTHER_API_KEY }) }))).toEqual([
      "API key two (raw) in tf/terraform.tfstate.backup (state, sensitive values removed) (line 16, 1 time)",
    ]);
  });

  it("allows an API-key secret in a sensitive output, and in an owner-only JSON file (Claude Code settings), not a readable one", () => {
    const withOutput = JSON.stringify({ version: 4, terraform_version: "1.11.4", resources: [], outputs: { settings: { sensitive: true, value: `{"env":{"ANTHROPIC_AUTH_TOKEN":"${API_KEY}"}}` } } }, null, 2);
    expect(findings(seed({ "tf/terraform.tfstate": withOutput }))).toEqual([]);
    const settings = JSON.stringify({ env: { ANTHROPIC_AUTH_TOKEN: API_KEY } });
    const root = seed({ "home/.claude/settings.json": settings, "home/readable.json": settings });
    chmodSync(join(root, "home/.claude/settings.json"), 0o600);
    chmodSync(join(root, "home/readable.json"), 0o644);
    expect(findings(root)).toEqual(["API key one (raw) in home/readable.json (line 1, 1 time)"]);
  });

  it("accepts the service-account key in the credentials file a test hands to terraform, not elsewhere", () => {
    const keyFile = JSON.stringify(FAKE_SERVICE_ACCOUNT, null, 2);
    expect(findings(seed({ "tf/key.json": keyFile }))).toEqual([]);
    expect(findings(seed({ "tf/debug.log": `request body: ${keyFile}\n` }))).toEqual([
      "the service-account private_key (JSON-escaped) in tf/debug.log (line 5, 1 time)",
      "the service-account private key body (raw) in tf/debug.log (line 5, 1 time)",
    ]);
  });

  it("decompresses a binary plan: a secret in its protobuf is found unless the plan's state holds it as a sensitive `key`", () => {
    const plan = zip({
      tfplan: `\x08\x12resource\x1a${API_KEY}\x22${OTHER_API_KEY}`,
      tfstate: state(API_KEY, true),
      "tfconfig/m-/main.tf": `provider "portkeyadmin" {\n  api_key = "${ADMIN}"\n}\n`,
    });
    expect(unzip(plan).map((entry) => entry.name)).toEqual(["tfplan", "tfstate", "tfconfig/m-/main.tf"]);
    const root = seed({ "tf/plan-1.tfplan": plan });
    expect(findings(root)).toEqual([
      "API key two (raw) in tf/plan-1.tfplan!tfplan (plan protobuf) (line 1, 1 time)",
      "the admin key (raw) in tf/plan-1.tfplan!tfconfig/m-/main.tf (line 2, 1 time)",
    ]);
    expect(scanTree(root, SECRETS).zipEntries).toBe(3);
  });

  it("lets the emulator's database hold API-key secrets and the service-account key, never the admin key", () => {
    const database = (extra: string) => JSON.stringify({ version: 1, organisation_id: "o-1", apiKeys: [{ secret: API_KEY, note: extra }], integrations: [FAKE_SERVICE_ACCOUNT] });
    expect(findings(seed({ "emulator-state-x/state.json": database("") }))).toEqual([]);
    expect(findings(seed({ "emulator-state-x/state.json": database(ADMIN) }))).toEqual(["the admin key (raw) in emulator-state-x/state.json (emulator database) (line 1, 1 time)"]);
  });

  it("reads the run's secrets from the journal the emulators append to, and skips the journal itself", () => {
    const root = seed({ "run.log": `ok ${API_KEY}\n` });
    appendToSecretsJournal(secretsJournalPath(root), [
      { kind: "admin-key", value: ADMIN },
      { kind: "api-key", value: API_KEY },
      { kind: "api-key", value: API_KEY },
    ]);
    const secrets = suiteSecrets(root);
    expect(secrets.map((s) => `${s.kind}: ${s.label}`)).toEqual([
      "admin-key: an admin key",
      "api-key: an API-key secret an emulator issued",
      "service-account: the service-account private key body",
      "service-account: the service-account private_key",
      "service-account: the rotated service-account private key body",
    ]);
    const result = scanTree(root, secrets, { skip: [secretsJournalPath(root)] });
    expect(result.hits.map(formatHit)).toEqual(["an API-key secret an emulator issued (raw) in run.log (line 1, 1 time)"]);
    expect(result.files).toBe(1);
  });
});
