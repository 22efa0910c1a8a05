/**
 * The bad-input corpus machinery: the shape of a case, how each kind is run (the teams-file
 * loader, or the provider's own protocol handlers in-process, exactly as Terraform calls them),
 * and the markdown table docs/bad-input-corpus.md is generated from.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SecretRegistry } from "../../../src/portkey/redact";
import type { CtyObjectValue, CtyValue } from "../../../src/provider/cty";
import { createProviderHandlers } from "../../../src/provider/framework";
import { portkeyProvider } from "../../../src/provider/portkey-provider";
import type { Diagnostic, ProviderHandlers, SchemaAttribute } from "../../../src/provider/protocol/types";
import { formatPath as formatTeamsPath, loadTeamsFile, TeamsFileError } from "../../../stacks/config";
import { signal, TerraformLike, terraform111 } from "../../provider/framework/fixtures/terraform-like";
import { removeTestDir, testDir } from "../../support/run-root";
import { recordSecret } from "../../support/suite-secrets";

/** One diagnostic as the user reads it: severity, summary, detail and the path it points at. */
export interface Expected {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail: string;
  /** `targets[0].provider`, `teams[2].budget.limit`; "" when the diagnostic names no attribute. */
  readonly path: string;
}

interface CaseBase {
  /** What the user got wrong, in their words. */
  readonly mistake: string;
  /** Every diagnostic the input produces, in order: nothing more, nothing less. */
  readonly expect: readonly Expected[];
  /** A secret inside the input that no diagnostic may repeat. */
  readonly secret?: string;
  /** How the input is shown in the docs table when it must not be printed as is (secrets). */
  readonly shown?: string;
}

/** A teams.json edit: JSON path → new value (`undefined` deletes), or the whole file as text. */
export interface TeamsFileCase extends CaseBase {
  readonly area: "teams file";
  readonly set?: readonly (readonly [readonly (string | number)[], unknown])[];
  readonly text?: string;
}

/** Provider block attributes laid over a valid provider block, and the environment terraform runs in. */
export interface ProviderConfigCase extends CaseBase {
  readonly area: "provider config";
  readonly config: Readonly<Record<string, CtyValue>>;
  /** Environment variables the provider reads (PORTKEY_API_KEY, …); none by default. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Resource attributes laid over a valid configuration of `typeName`. */
export interface ResourceCase extends CaseBase {
  readonly area: "resource";
  readonly typeName: string;
  readonly config: Readonly<Record<string, CtyValue>>;
}

export type BadInputCase = TeamsFileCase | ProviderConfigCase | ResourceCase;

export const error = (path: string, summary: string, detail: string): Expected => ({ severity: "error", summary, detail, path });
export const warning = (path: string, summary: string, detail: string): Expected => ({ severity: "warning", summary, detail, path });

// ---- teams file ----

/** The valid teams file every teams-file case edits (three teams, so mistakes can sit at teams[2]). */
export function validTeamsFile(): Record<string, unknown> {
  return {
    gcp: { project_id: "acme-claude-prod", region: "global" },
    portkey: { base_url: "https://api.portkey.ai/v1" },
    defaults: { budget: { limit: 500 } },
    teams: [{ name: "payments" }, { name: "search" }, { name: "mobile", budget: { limit: 300 } }],
  };
}

function applySet(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let at: Record<string | number, unknown> = root;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

export function teamsFileText(c: TeamsFileCase): string {
  if (c.text !== undefined) return c.text;
  const file = validTeamsFile();
  for (const [path, value] of c.set ?? []) applySet(file, path, value);
  return JSON.stringify(file, null, 2);
}

function runTeamsFile(c: TeamsFileCase): Expected[] {
  const dir = testDir("bad-input-");
  try {
    const file = join(dir, "teams.json");
    writeFileSync(file, teamsFileText(c));
    loadTeamsFile(file);
    return [];
  } catch (caught) {
    if (!(caught instanceof TeamsFileError)) throw caught;
    return caught.problems.map((p) => {
      const line = p.at && `line ${p.at.line}, column ${p.at.column}`;
      return error(line && p.path.length > 0 ? `${formatTeamsPath(p.path)} (${line})` : (line ?? formatTeamsPath(p.path)), p.message, p.fix);
    });
  } finally {
    removeTestDir(dir);
  }
}

// ---- provider, in-process ----

/** The admin key of the valid provider block: it must never come back in a diagnostic either. */
export const CORPUS_ADMIN_KEY = "pk-admin-corpus-7c1e55a0";
recordSecret("admin-key", CORPUS_ADMIN_KEY);
const VALID_PROVIDER: CtyObjectValue = { api_key: CORPUS_ADMIN_KEY, base_url: "http://127.0.0.1:9/v1", max_retries: 2, request_timeout_ms: 5000 };

/** Diagnostics the way `summarize` in the framework tests reads paths: `a.b[0]["k"]`. */
export function toExpected(diagnostics: readonly Diagnostic[]): Expected[] {
  return diagnostics.map((d) => {
    const path = (d.attribute?.steps ?? [])
      .map((step) => ("attributeName" in step ? `.${step.attributeName}` : "elementKeyInt" in step ? `[${step.elementKeyInt}]` : `[${JSON.stringify(step.elementKeyString)}]`))
      .join("")
      .replace(/^\./, "");
    return { severity: d.severity === "warning" ? "warning" : "error", summary: d.summary, detail: d.detail ?? "", path };
  });
}

/** `value` with every attribute of the schema present (null when unset), nested objects too. */
export function withNulls(attributes: readonly SchemaAttribute[], value: Readonly<Record<string, CtyValue>>): CtyObjectValue {
  const out: CtyObjectValue = {};
  for (const attribute of attributes) {
    const inner = value[attribute.name] ?? null;
    const nested = attribute.nestedType;
    if (!nested || inner === null) out[attribute.name] = inner;
    else if (nested.nesting === "single") out[attribute.name] = withNulls(nested.attributes, inner as CtyObjectValue);
    else if (Array.isArray(inner)) out[attribute.name] = inner.map((item) => withNulls(nested.attributes, item as CtyObjectValue));
    else out[attribute.name] = Object.fromEntries(Object.entries(inner as CtyObjectValue).map(([k, v]) => [k, withNulls(nested.attributes, v as CtyObjectValue)]));
  }
  return out;
}

/** The provider as Terraform starts it: handlers built from the real definition, no network. */
export class InProcessProvider {
  private constructor(
    readonly handlers: ProviderHandlers,
    private readonly provider: TerraformLike,
  ) {}

  static async start(env: Readonly<Record<string, string>> = {}): Promise<InProcessProvider> {
    const handlers = createProviderHandlers(portkeyProvider(new SecretRegistry(), { ...env }));
    return new InProcessProvider(handlers, new TerraformLike(handlers, (await handlers.getProviderSchema()).provider));
  }

  /** ValidateProviderConfig, then (as Terraform does when it passes) ConfigureProvider. */
  async configure(overlay: Readonly<Record<string, CtyValue>>): Promise<Expected[]> {
    const config = this.provider.value(withNulls(this.provider.schema.block.attributes, { ...VALID_PROVIDER, ...overlay }));
    const validated = await this.handlers.validateProviderConfig({ config }, signal);
    if (validated.diagnostics.some((d) => d.severity === "error")) return toExpected(validated.diagnostics);
    const configured = await this.handlers.configureProvider({ terraformVersion: "1.11.4", config, clientCapabilities: terraform111 }, signal);
    return toExpected([...validated.diagnostics, ...configured.diagnostics]);
  }

  /** ValidateResourceConfig, then (when it passes) PlanResourceChange for a create. */
  async resource(typeName: string, values: Readonly<Record<string, CtyValue>>): Promise<Expected[]> {
    const tf = await TerraformLike.forResource(this.handlers, typeName);
    const object = withNulls(tf.schema.block.attributes, values);
    const config = tf.value(object);
    const validated = await this.handlers.validateResourceConfig({ typeName, config, clientCapabilities: terraform111 }, signal);
    if (validated.diagnostics.some((d) => d.severity === "error")) return toExpected(validated.diagnostics);
    const planned = await this.handlers.planResourceChange(
      { typeName, priorState: tf.value(null), proposedNewState: config, config, priorPrivate: new Uint8Array(), clientCapabilities: terraform111 },
      signal,
    );
    return toExpected([...validated.diagnostics, ...planned.diagnostics]);
  }
}

/** Every diagnostic one case produces. `base` is the valid configuration of each resource type. */
export async function runCase(provider: InProcessProvider, c: BadInputCase, base: Readonly<Record<string, Readonly<Record<string, CtyValue>>>>): Promise<Expected[]> {
  switch (c.area) {
    case "teams file":
      return runTeamsFile(c);
    case "provider config":
      return c.env === undefined ? provider.configure(c.config) : (await InProcessProvider.start(c.env)).configure(c.config);
    case "resource": {
      const valid = base[c.typeName];
      if (!valid) throw new Error(`no valid base configuration for ${c.typeName}`);
      await provider.configure({});
      return provider.resource(c.typeName, { ...valid, ...c.config });
    }
  }
}

// ---- the docs table ----

/** A value as it is written in HCL (close enough for a table cell). */
export function hcl(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(hcl).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k)} = ${hcl(v)}`);
    return `{ ${entries.join(", ")} }`;
  }
  return String(value);
}

/** What the case changes, as the user would write it. */
export function describeInput(c: BadInputCase): string {
  if (c.shown !== undefined) return c.shown;
  if (c.area === "teams file") {
    if (c.text !== undefined) return `file text: ${JSON.stringify(c.text.length > 60 ? `${c.text.slice(0, 57)}...` : c.text)}`;
    return (c.set ?? []).map(([path, value]) => `${formatTeamsPath(path)}: ${value === undefined ? "(removed)" : JSON.stringify(value, (_k, v) => (typeof v === "string" && v.length > 40 ? `${v.slice(0, 12)}… (${v.length} chars)` : v))}`).join("; ");
  }
  const attributes = Object.entries(c.config).map(
    ([name, value]) => `${name} = ${typeof value === "string" && value.length > 60 ? `"${value.slice(0, 12)}…" (${value.length} chars)` : hcl(value)}`,
  );
  const variables = c.area === "provider config" ? Object.entries(c.env ?? {}).map(([name, value]) => `${name}=${JSON.stringify(value)}`) : [];
  return [...attributes, ...variables].join("; ");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderCorpusDoc(cases: readonly BadInputCase[]): string {
  const rows = cases.map((c, i) => {
    const where = c.area === "resource" ? c.typeName : c.area;
    const said = c.expect.map((e) => `${e.severity === "warning" ? "warning" : "error"} at \`${e.path || "(no attribute)"}\`: **${e.summary}** — ${e.detail}`).join("<br>");
    return `| ${i + 1} | ${cell(where)} | ${cell(c.mistake)} | \`${cell(describeInput(c))}\` | ${cell(said)} |`;
  });
  const byArea = (area: BadInputCase["area"]) => cases.filter((c) => c.area === area).length;
  return [
    "# Bad input corpus",
    "",
    "<!-- Generated from test/reliability/bad-input-cases.ts; do not edit by hand. -->",
    "<!-- Regenerate: UPDATE_BAD_INPUT_DOC=1 npx jest test/reliability/bad-input-corpus.test.ts -->",
    "",
    `${cases.length} mistakes (${byArea("teams file")} in the teams file, ${byArea("provider config")} in the provider block, ${byArea("resource")} in resource attributes), ` +
      "each with the exact diagnostic the user gets: severity, the attribute path it points at (Terraform shows that line), summary and detail. " +
      "`test/reliability/bad-input-corpus.test.ts` runs every case against the teams-file loader or the provider's protocol handlers and fails on any difference; " +
      "it also checks that no diagnostic repeats a secret given as input. Teams-file rows show the problem's message as the summary and its fix as the detail.",
    "",
    "| # | Where | Mistake | Input | Diagnostic |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
