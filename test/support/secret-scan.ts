/**
 * The suite-wide secret scan: every file under a test run's root (test/support/run-root.ts),
 * including the entries of zip files (terraform's binary plans), searched for every secret the
 * run used, in raw, JSON-escaped and base64 form. A finding names the secret by label and the
 * place by path and line, never the secret itself.
 *
 * Where a secret may be, and nowhere else:
 * - An API-key secret is the `key` attribute of its `portkeyadmin_api_key` in Terraform state,
 *   marked sensitive, and the value of sensitive outputs (state is plaintext by design). State
 *   files, and the state a binary plan carries, are scanned with those removed. The plan's
 *   protobuf (`tfplan`) is not decoded: there an API-key secret is allowed only if the same
 *   plan's state holds it at such a place, i.e. it is the planned copy of a state value.
 * - An API-key secret is delivered to its users in JSON files only their owner can read (mode
 *   0600): Claude Code settings written by `onboard`, the demo's outputs file. Allowed there.
 * - The emulator's own database (its `--state-file`, the server side) holds API-key secrets and
 *   the Vertex service-account key in clear by design; the admin key must not be in it.
 * - A Google credentials file a test hands to terraform (JSON whose `type` is `service_account`
 *   or `authorized_user`) is the service-account key's source, not a leak of it.
 * - The secrets journal (the list scanned for) is skipped.
 * The admin key is allowed nowhere.
 */
import { type Dirent, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { inflateRawSync } from "node:zlib";

export type SecretKind = "admin-key" | "api-key" | "service-account";

export interface Secret {
  /** How a finding names it, e.g. `an admin key`; never the value. */
  readonly label: string;
  readonly kind: SecretKind;
  readonly value: string;
}

export interface Hit {
  readonly label: string;
  /** `raw`, `JSON-escaped` or `base64`. */
  readonly form: string;
  /** Path relative to the scanned root, `!entry` appended for a zip entry. */
  readonly where: string;
  /** Line of the first occurrence in the scanned text. */
  readonly line: number;
  readonly count: number;
}

export interface ScanResult {
  readonly files: number;
  readonly bytes: number;
  /** Zip entries decompressed and scanned (plan files). */
  readonly zipEntries: number;
  readonly secrets: number;
  readonly hits: readonly Hit[];
}

interface Needle {
  readonly secret: Secret;
  readonly form: string;
}

/** Needles grouped by their first three characters, then by length: one `indexOf` pass per group. */
type NeedleIndex = Map<string, Map<number, Map<string, Needle[]>>>;

const ANCHOR = 3;
const MIN_SECRET_LENGTH = 8;

export function secretForms(value: string): { form: string; text: string }[] {
  return [
    { form: "raw", text: value },
    { form: "JSON-escaped", text: JSON.stringify(value).slice(1, -1) },
    { form: "base64", text: Buffer.from(value).toString("base64") },
  ];
}

function indexNeedles(secrets: readonly Secret[]): NeedleIndex {
  const index: NeedleIndex = new Map();
  for (const secret of secrets) {
    if (secret.value.length < MIN_SECRET_LENGTH) throw new Error(`The secret "${secret.label}" is shorter than ${MIN_SECRET_LENGTH} characters: too short to scan for meaningfully.`);
    const seen = new Set<string>();
    for (const { form, text } of secretForms(secret.value)) {
      if (seen.has(text)) continue;
      seen.add(text);
      const byLength = index.get(text.slice(0, ANCHOR)) ?? new Map<number, Map<string, Needle[]>>();
      index.set(text.slice(0, ANCHOR), byLength);
      const byText = byLength.get(text.length) ?? new Map<string, Needle[]>();
      byLength.set(text.length, byText);
      byText.set(text, [...(byText.get(text) ?? []), { secret, form }]);
    }
  }
  return index;
}

interface Found {
  readonly needle: Needle;
  readonly first: number;
  count: number;
}

function search(text: string, index: NeedleIndex): Found[] {
  const found = new Map<Needle, Found>();
  for (const [anchor, byLength] of index) {
    for (let at = text.indexOf(anchor); at !== -1; at = text.indexOf(anchor, at + 1)) {
      for (const [length, byText] of byLength) {
        const needles = byText.get(text.slice(at, at + length));
        for (const needle of needles ?? []) {
          const known = found.get(needle);
          if (known) known.count++;
          else found.set(needle, { needle, first: at, count: 1 });
        }
      }
    }
  }
  return [...found.values()];
}

const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) line++;
  return line;
};

// ---- what a file is, and what it may hold ----

type Json = null | boolean | number | string | Json[] | { [field: string]: Json };
const isRecord = (value: unknown): value is { [field: string]: Json } => typeof value === "object" && value !== null && !Array.isArray(value);

const API_KEY_RESOURCE = "portkeyadmin_api_key";

/**
 * Terraform state (format 4) with each api key's sensitive `key` and each sensitive output's
 * value taken out, and the strings taken (a plan's protobuf may repeat them).
 */
function maskState(text: string): { masked: string; apiKeySecrets: string[] } | undefined {
  const state = parseJson(text);
  if (!isRecord(state) || typeof state.terraform_version !== "string" || !Array.isArray(state.resources)) return undefined;
  const apiKeySecrets: string[] = [];
  for (const resource of state.resources) {
    if (!isRecord(resource) || resource.type !== API_KEY_RESOURCE || resource.mode !== "managed" || !Array.isArray(resource.instances)) continue;
    for (const instance of resource.instances) {
      if (!isRecord(instance) || !isRecord(instance.attributes) || typeof instance.attributes.key !== "string") continue;
      if (!marksKeySensitive(instance.sensitive_attributes)) continue;
      apiKeySecrets.push(instance.attributes.key);
      instance.attributes.key = "(sensitive key, removed before the scan)";
    }
  }
  // Two-space indent, like terraform writes state: a line number here is the line in the file.
  if (isRecord(state.outputs)) {
    for (const output of Object.values(state.outputs)) {
      if (!isRecord(output) || output.sensitive !== true) continue;
      apiKeySecrets.push(...stringsIn(output.value));
      output.value = "(sensitive output, removed before the scan)";
    }
  }
  return { masked: JSON.stringify(state, null, 2), apiKeySecrets };
}

/** `sensitive_attributes` holds the path `key`: `[[{"type":"get_attr","value":"key"}]]` (or unnested). */
function marksKeySensitive(paths: Json | undefined): boolean {
  if (!Array.isArray(paths)) return false;
  return paths.some((path) => {
    const steps = Array.isArray(path) ? path : [path];
    return steps.length === 1 && isRecord(steps[0]) && steps[0].type === "get_attr" && steps[0].value === "key";
  });
}

/** Every string in a JSON value, and every string in any string that is itself JSON (settings rendered to text). */
function stringsIn(value: Json | undefined): string[] {
  if (typeof value === "string") {
    const inner = value.startsWith("{") || value.startsWith("[") ? parseJson(value) : undefined;
    return [value, ...(inner === undefined ? [] : stringsIn(inner))];
  }
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isRecord(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** A Google credentials file: a service-account key file, or user credentials. */
const isGoogleCredentials = (text: string): boolean => {
  if (!text.trimStart().startsWith("{") || !text.includes('"type"')) return false;
  const value = parseJson(text);
  return isRecord(value) && (value.type === "service_account" || value.type === "authorized_user");
};

/** The emulator's persisted database (src/cli/emulator/persistence.ts). */
const isEmulatorDatabase = (text: string): boolean => {
  if (!text.startsWith("{") || !text.includes('"organisation_id"') || !text.includes('"apiKeys"')) return false;
  const value = parseJson(text);
  return isRecord(value) && typeof value.organisation_id === "string" && Array.isArray(value.apiKeys);
};

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

// ---- zip (terraform's plan files) ----

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

const isZip = (data: Buffer): boolean => data.length >= 22 && data.readUInt32LE(0) === 0x04034b50;

/** Every entry of a zip archive, decompressed (stored and deflated entries; what Go's archive/zip writes). */
export function unzip(data: Buffer): ZipEntry[] {
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 65_535); at--) {
    if (data.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end === -1) throw new Error("no end-of-central-directory record");
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory header at ${at}`);
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressed);
    if (method !== 0 && method !== 8) throw new Error(`entry ${name}: compression method ${method} is not supported`);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// ---- the scan ----

export interface ScanOptions {
  /** Paths (absolute) not to scan: the secrets journal. */
  readonly skip?: readonly string[];
}

export function scanTree(root: string, secrets: readonly Secret[], options: ScanOptions = {}): ScanResult {
  const index = indexNeedles(secrets);
  const skip = new Set(options.skip ?? []);
  const hits: Hit[] = [];
  let files = 0;
  let bytes = 0;
  let zipEntries = 0;

  const report = (where: string, text: string, allowed: (needle: Needle) => boolean) => {
    for (const { needle, first, count } of search(text, index)) {
      if (!allowed(needle)) hits.push({ label: needle.secret.label, form: needle.form, where, line: lineAt(text, first), count });
    }
  };

  const scanText = (where: string, name: string, text: string, stateSecrets: ReadonlySet<string>, ownerOnly: boolean) => {
    const state = /(^|\/)(tfstate|tfstate-prev)$|\.tfstate(\.[0-9]+)?(\.backup)?$/.test(name) || text.includes('"terraform_version"') ? maskState(text) : undefined;
    // Owner-only JSON documents (not logs, so a umask of 077 cannot open the rule up to everything).
    const deliveredKeys = ownerOnly && text.trimStart().startsWith("{") && isRecord(parseJson(text));
    const apiKeyAllowed = (n: Needle) => deliveredKeys && n.secret.kind === "api-key";
    if (state) return report(`${where} (state, sensitive values removed)`, state.masked, apiKeyAllowed);
    if (isEmulatorDatabase(text)) return report(`${where} (emulator database)`, text, (n) => n.secret.kind !== "admin-key");
    if (isGoogleCredentials(text)) return report(`${where} (credentials file)`, text, (n) => n.secret.kind === "service-account" || apiKeyAllowed(n));
    if (/(^|\/)tfplan$/.test(name)) return report(`${where} (plan protobuf)`, text, (n) => n.secret.kind === "api-key" && stateSecrets.has(n.secret.value));
    report(where, text, apiKeyAllowed);
  };

  const scanFile = (path: string) => {
    const data = readFileSync(path);
    files++;
    bytes += data.length;
    const where = relative(root, path);
    const ownerOnly = (statSync(path).mode & 0o077) === 0;
    if (!isZip(data)) return scanText(where, where, data.toString("latin1"), new Set(), ownerOnly);
    let entries: ZipEntry[];
    try {
      entries = unzip(data);
    } catch {
      return scanText(where, where, data.toString("latin1"), new Set(), ownerOnly);
    }
    zipEntries += entries.length;
    // The plan's states first: what they hold at the api keys' `key` may reappear in its protobuf.
    const stateSecrets = new Set<string>();
    for (const entry of entries) {
      if (!/^tfstate(-prev)?$/.test(entry.name)) continue;
      for (const value of maskState(entry.data.toString("utf8"))?.apiKeySecrets ?? []) stateSecrets.add(value);
    }
    for (const entry of entries) scanText(`${where}!${entry.name}`, entry.name, entry.data.toString("latin1"), stateSecrets, ownerOnly);
  };

  const walk = (dir: string) => {
    let children: Dirent[];
    try {
      children = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // removed while we looked (a straggling child process's temp dir)
    }
    for (const child of children) {
      const path = join(dir, child.name);
      if (skip.has(path)) continue;
      if (child.isDirectory()) walk(path);
      else if (child.isFile()) scanFile(path);
    }
  };
  if (statSync(root).isDirectory()) walk(root);
  return { files, bytes, zipEntries, secrets: secrets.length, hits };
}

export function formatHit(hit: Hit): string {
  return `${hit.label} (${hit.form}) in ${hit.where} (line ${hit.line}, ${hit.count} time${hit.count === 1 ? "" : "s"})`;
}
