/**
 * `claude-vertex-portkey onboard <outputs.json | ->`: put a team's gateway settings (from
 * `terraform output -json` / `cdktf output`) into the developer's Claude Code settings, merging
 * with what is there, with a backup, atomically, mode 0600, never over a file it cannot parse.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { toManagedSettingsJson } from "../../constructs/settings/formats";
import { checkSettings } from "../../constructs/settings/rules";
import type { ClaudeSettings, Finding } from "../../constructs/settings/types";
import { EXIT, exclusive, type Io, parseCommandLine, UsageError } from "../args";
import { countLine, findingLines } from "../doctor/finding-lines";
import { modelRuleOptions } from "../doctor/model-options";
import { MANAGED_FILE, managedFile, userSettingsFile } from "../layers/paths";
import type { LayerContext } from "../layers/read";
import { lineDiff } from "./diff";
import { layerNotes } from "./layer-notes";
import { maskSettings, Output, secretsOf } from "./mask";
import { mergeSettings } from "./merge";
import { OutputError, settingsFromOutput } from "./read-output";
import { backupFile, checkWritable, listBackups, PRIVATE_MODE, readSettingsFile, resolveTarget, SettingsFileError, writeAtomically } from "./settings-file";
import { chooseIdentity, type Identity, stampIdentity, withoutIdentity } from "./identity";
import { gatewayTarget, type Vetting, vetSettings } from "./vet-settings";

export const ONBOARD_HELP = `Usage: claude-vertex-portkey onboard <outputs.json | -> [options]

Writes a team's Claude Code gateway settings into your Claude Code settings file.
The input is \`terraform output -json\` or \`cdktf output --outputs-file\` JSON, or a bare
settings object; "-" reads stdin:  terraform output -json | claude-vertex-portkey onboard -

Where to write (default ~/.claude/settings.json, or $CLAUDE_CONFIG_DIR/settings.json when set):
  --home <dir>          use <dir> instead of ~ (<dir>/.claude/settings.json)
  --project <dir>       <dir>/.claude/settings.json (project settings; usually committed!)
  --managed <path|system>  a managed-settings.json (MDM; written 0644 so every user can read it);
                        "system" is the file Claude Code reads on this machine:
                          Linux/WSL  ${managedFile("linux")}
                          macOS      ${managedFile("darwin")}
                          Windows    ${managedFile("win32")}
                        Managed settings win over every other layer, for every user.
Options:
  --user <name>         who you are, sent with every request as _user in x-portkey-metadata
                        (per-developer budgets and usage count by it); default: the _user a
                        previous onboard wrote, else \`git config user.email\`, else your OS
                        user name. At most 128 characters. Not with --managed (shared file).
  --output <name>       which output to use when the input holds several
  --dry-run             print the change (secrets masked) and write nothing
  --accept-key <key>    take this extra key the team's settings mode never renders (dotted:
                        hooks, permissions, env.HTTPS_PROXY…); repeat for several
  --allow-unknown-models  accept Vertex model IDs newer than this tool's catalogue
  --allow-retired-model <id>  accept this retired model (your organisation still has access
                        under an exception); repeat for several
  --models-catalogue <file>  the platform's models catalogue file (overrides and new models)
  --json                one JSON document on stdout instead of progress lines
  -h, --help            this help

Vetting: an outputs file may have passed through many hands, so onboard takes only the keys the
team's settings mode renders (provider-slug, api-key-helper or legacy-vertex, told apart by the
settings themselves). Anything else (hooks, permissions, statusLine, env.NODE_OPTIONS, proxies,
apiKeyHelper outside api-key-helper mode, extra x-portkey-* headers, unknown keys) is refused,
each with why, and nothing is written, unless --accept-key names it. The gateway URL must be
https:// (plain http only to 127.0.0.1, ::1 or localhost), with no user:password@ and no query.

Merging: the gateway keys (ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_CUSTOM_HEADERS,
ANTHROPIC_DEFAULT_*_MODEL, CLAUDE_CODE_USE_VERTEX and the other Vertex/Bedrock switches, model,
apiKeyHelper…) are replaced as a set, stale ones removed; every other setting is kept.
The previous file is kept as <file>.<timestamp>.bak (0600). A file that is not valid JSON is
never overwritten. Claude Code applies managed > --settings > local > project > user, and any
file's env over your shell (observed with Claude Code 2.1.330): onboard says which existing layers
sit above the file it writes, and warns about each value one of them overrides.

Exit codes: 0 written (or already up to date, or dry run), 1 refused or failed, 2 usage error.
`;

const OPTIONS = {
  home: { type: "string" },
  project: { type: "string" },
  managed: { type: "string" },
  output: { type: "string" },
  user: { type: "string" },
  "dry-run": { type: "boolean" },
  "accept-key": { type: "string", multiple: true },
  "allow-unknown-models": { type: "boolean" },
  "allow-retired-model": { type: "string", multiple: true },
  "models-catalogue": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

interface Target {
  readonly path: string;
  readonly mode: number;
  readonly kind: "user" | "project" | "managed";
}

function targetOf(values: { home?: string; project?: string; managed?: string }, io: Io): Target {
  if (values.managed === "system") return { path: join(io.managedDir, MANAGED_FILE), mode: 0o644, kind: "managed" };
  if (values.managed) return { path: resolve(io.cwd, values.managed), mode: 0o644, kind: "managed" };
  if (values.project) return { path: join(resolve(io.cwd, values.project), ".claude", "settings.json"), mode: PRIVATE_MODE, kind: "project" };
  if (values.home) return { path: join(resolve(io.cwd, values.home), ".claude", "settings.json"), mode: PRIVATE_MODE, kind: "user" };
  return { path: userSettingsFile(io.homeDir, io.env), mode: PRIVATE_MODE, kind: "user" };
}

/** Where Claude Code would run for this target: the project's folder, or here; a managed file's own folder. */
function layerContext(target: Target, values: { home?: string; project?: string }, io: Io): LayerContext {
  return {
    home: resolve(io.cwd, values.home ?? io.homeDir),
    cwd: values.project ? resolve(io.cwd, values.project) : io.cwd,
    env: io.env,
    managedDir: target.kind === "managed" ? dirname(target.path) : io.managedDir,
  };
}

/** A managed file anywhere but the system folder is a copy to deploy: Claude Code does not read it there. */
function managedPathFindings(target: Target, io: Io): Finding[] {
  const system = join(io.managedDir, MANAGED_FILE);
  if (target.kind !== "managed" || resolve(target.path) === resolve(system)) return [];
  return [
    {
      rule: "managed-path-not-read",
      severity: "warning",
      message: `Claude Code reads managed settings only from the system folder (here ${system}; Linux/WSL ${managedFile("linux")}, macOS ${managedFile("darwin")}, Windows ${managedFile("win32")}), not from ${target.path}.`,
      fix: "Deploy this file to that path on each machine (MDM, config management), or write it there with --managed system.",
    },
  ];
}

/** What `--json` prints; `ok: false` carries `error` or `errors`. */
interface OnboardReport {
  command: "onboard";
  ok: boolean;
  target?: string;
  output?: string;
  /** Where the settings point Claude Code: host, settings mode, Portkey routing. */
  gateway?: { host: string; mode: string; routing: string };
  /** The developer the settings name (`_user`), and where the name came from. */
  identity?: Identity;
  dryRun: boolean;
  written: boolean;
  backup?: string;
  set: string[];
  removed: string[];
  warnings: Finding[];
  errors: Finding[];
  diff?: string;
  error?: string;
}

/**
 * `cdktf output --outputs-file` and `terraform output -json > f` write with the default umask
 * (usually 0644): a file holding the team's key that anyone on the machine can read.
 */
function exposedInputFindings(source: string, settings: ClaudeSettings): Finding[] {
  if (secretsOf(settings).length === 0) return [];
  const mode = statSync(source).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  return [
    {
      rule: "outputs-file-readable",
      severity: "warning",
      message: `${source} holds the team's API key and other users can read it (mode ${mode.toString(8).padStart(4, "0")}).`,
      fix: `chmod 600 ${source}, or delete it once developers are onboarded (write it under \`umask 077\` next time).`,
    },
  ];
}

export async function onboard(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  if (values.help) {
    io.stdout(ONBOARD_HELP);
    return EXIT.ok;
  }
  exclusive(values, ["home", "project", "managed"]);
  if (values.user !== undefined && values.managed !== undefined) {
    throw new UsageError("--user does not apply to --managed: a managed file is shared by every user of the machine, so it names nobody. See README.md, \"Who is sending\".");
  }
  if (positionals.length !== 1) throw new UsageError("onboard needs exactly one input: a file with the Terraform/cdktf outputs, or - for stdin.");
  const out = new Output(io, values.json === true);
  const report: OnboardReport = { command: "onboard", ok: false, dryRun: values["dry-run"] === true, written: false, set: [], removed: [], warnings: [], errors: [] };
  const fail = (message: string): number => {
    report.error = message;
    out.document(report);
    if (!out.json) out.error(`✗ ${message}`);
    return EXIT.problems;
  };

  const source = positionals[0];
  out.line(`→ reading team settings from ${source === "-" ? "stdin" : source}`);
  let text: string;
  if (source === "-") text = await io.readStdin();
  else if (!existsSync(source)) throw new UsageError(`${source}: no such file. Write it with \`terraform output -json > ${source}\`, or pipe the output and pass -.`);
  else text = readFileSync(source, "utf8");
  let incoming: ClaudeSettings;
  try {
    const found = settingsFromOutput(text, values.output);
    incoming = found.settings;
    report.output = found.name;
  } catch (error) {
    if (error instanceof OutputError) return fail(error.message);
    throw error;
  }
  out.protect(secretsOf(incoming));
  out.line(`→ found output ${report.output}`);

  // Only what the team's settings mode renders; the rest only when named (--accept-key).
  const vetting = vetSettings(incoming, values["accept-key"] ?? []);
  const gateway = gatewayTarget(incoming);
  report.gateway = { host: gateway.host, mode: vetting.mode.mode, routing: gateway.routing };
  out.line(`→ gateway ${gateway.host}, ${vetting.mode.mode} mode (${vetting.mode.because}), ${gateway.routing}`);
  const vetted = vettingFindings(vetting);
  for (const finding of vetted) out.line(findingLines(finding));
  report.warnings.push(...vetted.filter((f) => f.severity === "warning"));
  if (vetting.refused.length > 0) {
    report.errors = vetted.filter((f) => f.severity === "error");
    return fail(
      `Refused ${vetting.refused.length} key(s) the team's ${vetting.mode.mode} settings never carry, or that are unsafe (above): ${vetting.refused.map((r) => r.key).join(", ")}. Nothing was written. Ask the team's admin for a fresh outputs file; to take a key you trust anyway, name it: --accept-key <key> (repeatable).`,
    );
  }

  // The same rules the renderer enforces: refuse settings that cannot work.
  const options = modelRuleOptions(values, io);
  const findings = checkSettings(incoming, {}, options);
  if (source !== "-") findings.push(...exposedInputFindings(source, incoming));
  report.errors = findings.filter((f) => f.severity === "error");
  report.warnings = [...vetted.filter((f) => f.severity === "warning"), ...findings.filter((f) => f.severity === "warning")];
  out.line(`→ validating: ${countLine(findings)}`);
  for (const finding of findings) out.line(findingLines(finding));
  if (report.errors.length > 0) return fail(`The team settings break ${report.errors.length} rule(s) (above); nothing was written. Fix the team's stack, or pass --allow-unknown-models for a model newer than the catalogue (--allow-retired-model <id> for a retired one your organisation still has access to).`);

  const target = targetOf(values, io);
  let path: string;
  try {
    // A symlinked file is written through; a directory, an unreadable or read-only file is refused.
    path = resolveTarget(target.path);
    checkWritable(path);
  } catch (error) {
    if (error instanceof SettingsFileError) return fail(error.message);
    throw error;
  }
  report.target = path;
  if (path !== target.path) out.line(`→ ${target.path} is a symlink: writing through it to ${path} (the link stays)`);
  out.line(`→ merging into ${path}`);
  const current = readSettingsFile(path);
  if (current.kind === "corrupt") {
    const backups = listBackups(path);
    return fail(
      `${path} was left untouched: ${current.reason}. Nothing was written. Fix the file by hand (Claude Code cannot read it either), or move it aside (mv "${path}" "${path}.broken") and run onboard again.` +
        (backups.length > 0 ? ` The newest backup is ${backups[0]}.` : ""),
    );
  }
  const existing = current.kind === "ok" ? current.settings : {};
  out.protect(secretsOf(existing));
  const warn = (finding: Finding) => {
    report.warnings.push(finding);
    out.line(findingLines(finding));
  };
  let stamped: ClaudeSettings;
  if (target.kind === "managed") {
    stamped = withoutIdentity(incoming);
    warn({
      rule: "managed-names-nobody",
      severity: "warning",
      message: "A managed file is shared by every user of this machine, so it names no developer (_user): a per-developer budget counts everyone sending through it as one person.",
      fix: "Give each developer a user key (the teams file's members get one; Portkey names its owner as _user) through apiKeyHelper, or onboard each developer's own settings instead (README.md, \"Who is sending\").",
    });
  } else {
    try {
      report.identity = chooseIdentity({ flag: values.user, existing, env: io.env, cwd: io.cwd });
    } catch (error) {
      return fail(`--user: ${(error as Error).message}`);
    }
    if (report.identity) {
      stamped = stampIdentity(incoming, report.identity.user);
      out.line(`→ developer ${JSON.stringify(report.identity.user)} (${report.identity.source}): sent as _user in x-portkey-metadata`);
    } else {
      stamped = incoming;
      warn({
        rule: "no-developer-identity",
        severity: "warning",
        message: "No developer name found (no --user, no git user.email, no USER in the environment): requests will name nobody, and a per-developer budget counts everyone on the team's key as one person.",
        fix: "Run onboard again with --user <you@example.com>.",
      });
    }
  }
  const merged = mergeSettings(existing, stamped);
  report.set = merged.set;
  report.removed = merged.removed;
  const mergedErrors = checkSettings(merged.settings, {}, options).filter((f) => f.severity === "error");
  if (mergedErrors.length > 0) {
    report.errors = mergedErrors;
    for (const finding of mergedErrors) out.line(findingLines(finding));
    return fail(`Merged with your other settings, the file would break ${mergedErrors.length} rule(s) (above); nothing was written. Fix those keys in ${path}.`);
  }

  const notes = layerNotes(layerContext(target, values, io), target.path, merged.settings);
  const placement = [...managedPathFindings(target, io), ...notes.warnings];
  report.warnings.push(...placement);
  for (const line of notes.lines) out.line(line);
  for (const finding of placement) out.line(findingLines(finding));

  const before = current.kind === "ok" ? toManagedSettingsJson(maskSettings(existing)) : "";
  report.diff = lineDiff(before, toManagedSettingsJson(maskSettings(merged.settings)));
  if (current.kind === "ok" && report.set.length === 0 && report.removed.length === 0) {
    report.ok = true;
    out.line(`✓ ${path} is already up to date; nothing written.`);
    out.document(report);
    return EXIT.ok;
  }
  if (report.dryRun) {
    report.ok = true;
    out.line(`→ dry run: the change to ${path} (secrets masked):`);
    out.line(report.diff);
    out.line("✓ dry run: nothing written.");
    out.document(report);
    return EXIT.ok;
  }

  try {
    if (current.kind === "ok") report.backup = backupFile(path, io.now());
    writeAtomically(path, toManagedSettingsJson(merged.settings), target.mode);
  } catch (error) {
    // The write is a rename of a complete temp file: on any failure the old file is still whole.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return fail(`Could not write ${path} (${code}); the file is as it was${report.backup ? ` (backup ${report.backup})` : ""}. Fix: check space and permissions of ${dirname(path)} (ls -ld "${dirname(path)}").`);
  }
  report.written = true;
  report.ok = true;
  if (report.backup) out.line(`→ previous file kept as ${report.backup} (0600)`);
  out.line(`✓ wrote ${path} (mode ${target.mode.toString(8).padStart(4, "0")})`);
  out.line(`  Claude Code now goes to ${gateway.host} (${vetting.mode.mode} mode, ${gateway.routing})`);
  if (report.identity) out.line(`  requests name you as ${JSON.stringify(report.identity.user)} (_user in x-portkey-metadata; re-onboarding keeps it, --user changes it)`);
  if (report.set.length > 0) out.line(`  set: ${report.set.join(", ")}`);
  if (report.removed.length > 0) out.line(`  removed stale: ${report.removed.join(", ")}`);
  for (const note of targetNotes(target, merged.settings)) out.line(`! ${note}`);
  out.line("  Each Claude model must be enabled in Vertex AI Model Garden for your region (Terraform cannot do it).");
  out.line("  Check the setup end to end: claude-vertex-portkey doctor --probe");
  out.document(report);
  return EXIT.ok;
}

function vettingFindings(vetting: Vetting): Finding[] {
  const refused = vetting.refused.map(
    (r): Finding => ({
      rule: r.acceptable ? "refused-key" : r.value ? "unsafe-value" : "unsafe-gateway-url",
      severity: "error",
      message: `${r.key} refused: ${r.why}.`,
      fix: r.acceptable
        ? `Drop it from the outputs file, or take it knowingly with --accept-key ${r.key}.`
        : r.value
          ? "The renderer never writes this value: take the outputs again from the team stack (cdktf output team-<name> --outputs-file …); no flag takes this one."
          : "Fix the team's gatewayUrl in its stack (https://, no user:password@, no query) and write the outputs again; no flag takes this one.",
    }),
  );
  const accepted = vetting.accepted.map(
    (r): Finding => ({ rule: "accepted-key", severity: "warning", message: `${r.key} taken because --accept-key named it: ${r.why}.`, fix: "Make sure you trust whoever wrote the outputs file." }),
  );
  const unused = vetting.unusedAccepts.map(
    (key): Finding => ({ rule: "accept-key-unused", severity: "warning", message: `--accept-key ${key}: the input carries no such extra key.`, fix: "Check the spelling (dotted, e.g. env.HTTPS_PROXY), or drop the flag." }),
  );
  return [...refused, ...accepted, ...unused];
}

function targetNotes(target: Target, settings: ClaudeSettings): string[] {
  const hasKey = Boolean(settings.env?.ANTHROPIC_AUTH_TOKEN);
  if (target.kind === "project" && hasKey) return ["project settings are usually committed: keep .claude/settings.json out of git, or use the api-key-helper mode."];
  if (target.kind === "managed" && hasKey) return ["managed settings are readable by every user of this machine, key included; prefer the api-key-helper mode for managed deployments."];
  return [];
}
