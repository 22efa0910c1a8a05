/**
 * `claude-vertex-portkey doctor`: check the Claude Code settings a developer would get in one
 * folder (every layer Claude Code reads, merged over the shell as the real client merges them)
 * against every pitfall in claude-code-gateway.md, say how to fix each, and with `--probe` send
 * one request through the gateway with exactly the values Claude Code would use.
 */
import { resolve } from "node:path";
import type { Finding } from "../../constructs/settings/types";
import { EXIT, integerOption, type Io, parseCommandLine, UsageError } from "../args";
import { envValues } from "../layers/effective";
import { managedDir } from "../layers/paths";
import { Output, secretsOf } from "../onboard/mask";
import { type Inspection, inspectSettings } from "./effective-settings";
import { modelRuleOptions } from "./model-options";
import { countLine, findingLines } from "./finding-lines";
import { forceLoginFindings } from "./layer-findings";
import { type ProbePlan, planProbe, type ProbeResult, proxyDispatcher, sendProbe } from "./probe";
import { helperEnvironment, repositoryDestination } from "./probe-trust";
import { OBSERVED_CLIENT, teamStackOf } from "./probe-diagnosis";
import { effectiveLines, effectiveReport, isReportedEnv, type LayerReport, layerLines, layerReports, modelReport, type ValueReport } from "./report";

export const DOCTOR_HELP = `Usage: claude-vertex-portkey doctor [options]

Shows the Claude Code settings you get in a folder: every layer Claude Code reads, highest first
(managed settings, --settings, .claude/settings.local.json, .claude/settings.json,
~/.claude/settings.json), each gateway value with the layer that set it, and the model your
requests carry. A variable in any settings file's env wins over the same variable exported in your
shell (observed with Claude Code 2.1.330); one exported only in the shell applies. Then checks the
result for the gateway pitfalls (base URL ending in /v1, Vertex flags in provider-slug mode, secrets
or malformed lines in ANTHROPIC_CUSTOM_HEADERS, missing routing header, two credentials, Anthropic-API
model IDs on Vertex, unset model slots, a layer overriding the onboarded values, managed settings
that lock gateway credentials out, …) and says how to fix each.

Where (each like Claude Code started there):
  --project <dir>       the folder Claude Code starts in (default: the current folder)
  --home <dir>          use <dir> instead of ~ ($CLAUDE_CONFIG_DIR still moves the user settings)
  --settings <file|json>  a command-line settings layer, as Claude Code's --settings
  --managed-dir <dir>   where managed-settings.json and managed-settings.d/ live (default: this
                        system's; Linux ${managedDir("linux")}, macOS ${managedDir("darwin")},
                        Windows ${managedDir("win32")})
  --model <id|alias>    as Claude Code's --model (wins over ANTHROPIC_MODEL and "model")
Managed settings delivered another way (a macOS MDM profile, the Windows registry, the claude.ai
console) are not visible to doctor: \`/status\` in Claude Code lists the sources it uses.
Options:
  --probe               send one small streaming request through the gateway, as Claude Code would;
                        not when a project/local file would direct your key elsewhere (a base URL
                        or proxy) or bring the apiKeyHelper, unless --trust-project-settings
  --trust-project-settings  let the probe follow .claude/settings(.local).json of the folder as
                        Claude Code does: their base URL or proxy, their apiKeyHelper and env
  --timeout-ms <n>      probe timeout (default 30000)
  --strict              warnings count as problems (exit 1)
  --allow-unknown-models  accept Vertex model IDs newer than this tool's catalogue
  --allow-retired-model <id>  accept this retired model (your organisation still has access
                        under an exception); repeat for several
  --models-catalogue <file>  the platform's models catalogue file (overrides and new models),
                        checked on top of the built-in one
  --json                one JSON document on stdout instead of progress lines
  -h, --help            this help

Exit codes: 0 no problems (warnings allowed unless --strict), 1 problems found (or the probe
failed), 2 usage error. Secrets are masked in all output.
`;

const OPTIONS = {
  settings: { type: "string" },
  home: { type: "string" },
  project: { type: "string" },
  "managed-dir": { type: "string" },
  "trust-project-settings": { type: "boolean" },
  probe: { type: "boolean" },
  model: { type: "string" },
  "timeout-ms": { type: "string" },
  strict: { type: "boolean" },
  "allow-unknown-models": { type: "boolean" },
  "allow-retired-model": { type: "string", multiple: true },
  "models-catalogue": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** What `--json` prints. */
interface DoctorReport {
  command: "doctor";
  ok: boolean;
  /** The folder evaluated (Claude Code's working directory). */
  cwd: string;
  /** Every layer, highest first, with what it sets. */
  layers: LayerReport[];
  /** Gateway variables exported in the shell (they lose to any file that sets them). */
  shell: string[];
  /** `env.NAME`, `model`, `apiKeyHelper`: the value Claude Code uses and the layer it comes from. */
  effective: Record<string, ValueReport>;
  requestModel: ReturnType<typeof modelReport>;
  findings: Finding[];
  probe?: ProbeResult | { skipped: string };
}

export async function doctor(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  if (values.help) {
    io.stdout(DOCTOR_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`doctor takes no arguments (got ${positionals.join(" ")}); pass a settings file with --settings <path>.`);
  const timeoutMs = integerOption("timeout-ms", values["timeout-ms"], 30_000, 100, 600_000);
  const out = new Output(io, values.json === true);

  const cwd = resolve(io.cwd, values.project ?? ".");
  const context = {
    home: resolve(values.home ?? io.homeDir),
    cwd,
    env: io.env,
    managedDir: resolve(values["managed-dir"] ?? io.managedDir),
    flagSettings: values.settings,
  };
  const inspection = inspectSettings(context, { ...modelRuleOptions(values, io), model: values.model });
  for (const layer of inspection.layers) if (layer.state.kind === "ok") out.protect(secretsOf(layer.state.settings));
  out.protect(secretsOf({}, io.env));
  const shell = Object.keys(io.env).filter((name) => isReportedEnv(name) && io.env[name]);
  const report: DoctorReport = {
    command: "doctor",
    ok: false,
    cwd,
    layers: layerReports(inspection.layers),
    shell,
    effective: effectiveReport(inspection),
    requestModel: modelReport(inspection.model),
    findings: inspection.findings,
  };
  for (const line of layerLines(cwd, report.layers, shell)) out.line(line);
  for (const line of effectiveLines(report.effective, report.requestModel)) out.line(line);
  const findings = inspection.findings;
  for (const finding of findings) out.line(findingLines(finding));
  out.line(findings.length === 0 ? "✓ settings: no problems found" : `→ settings: ${countLine(findings)}`);

  let probeFailed = false;
  if (values.probe) {
    const env = envValues(inspection.effective);
    const plan = await probePlan(inspection, env, io, values["trust-project-settings"] === true);
    if ("skipped" in plan) {
      report.probe = plan;
      probeFailed = true;
      out.line(`✗ probe skipped: ${plan.skipped}`);
    } else {
      out.protect(plan.request.secrets);
      out.line(`→ probe: POST ${plan.request.url} (model ${plan.request.model}, streaming)`);
      const dispatcher = proxyDispatcher(env);
      if (dispatcher) out.line("→ probe goes through the proxy in HTTPS_PROXY/HTTP_PROXY, as Claude Code does");
      const hints = { teamStack: teamStackOf(env.ANTHROPIC_CUSTOM_HEADERS) };
      const result = await sendProbe(plan.request, timeoutMs, dispatcher, hints).finally(() => dispatcher?.close());
      report.probe = result;
      probeFailed = !result.ok;
      for (const line of probeLines(result)) out.line(line);
    }
  }

  const errors = findings.filter((f) => f.severity === "error").length;
  const problems = errors + (values.strict ? findings.length - errors : 0) + (probeFailed ? 1 : 0);
  report.ok = problems === 0;
  out.document(report);
  out.line(report.ok ? "✓ doctor: no problems" : "✗ doctor: problems found (fixes above)");
  return report.ok ? EXIT.ok : EXIT.problems;
}

/** The probe's request, or why it is not sent: Claude Code would not send one, or doctor will not. */
async function probePlan(inspection: Inspection, env: Record<string, string>, io: Io, trustProject: boolean): Promise<ProbePlan> {
  if (forceLoginFindings(inspection.effective).length > 0) {
    return { skipped: "Claude Code would not send a request: managed settings force a first-party login (see managed-forces-login above)." };
  }
  const repository = trustProject ? undefined : repositoryDestination(inspection.effective);
  if (repository) return { skipped: repository };
  return planProbe(inspection.view, env, {
    model: inspection.model.id,
    helperFrom: inspection.effective.apiKeyHelper?.from,
    trustProject,
    helperEnv: trustProject ? env : helperEnvironment(inspection.layers, io.env),
  });
}

function probeLines(result: ProbeResult): string[] {
  const timing = `first byte ${result.firstByteMs} ms, total ${result.totalMs} ms`;
  if (result.ok) return [`✓ probe: HTTP 200, streamed ${JSON.stringify(result.text)} (${timing})`];
  const lines = [`✗ probe: ${result.status === undefined ? "no response" : `HTTP ${result.status}`} (${timing}): ${result.error}`];
  const diagnosis = result.diagnosis;
  if (diagnosis?.claudeCode) lines.push(`    ${OBSERVED_CLIENT} prints: ${diagnosis.claudeCode}`);
  if (diagnosis) lines.push(`    cause: ${diagnosis.cause}`, `    fix: ${diagnosis.fix}`);
  return lines;
}
