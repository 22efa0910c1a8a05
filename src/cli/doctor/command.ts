/**
 * `claude-vertex-portkey doctor`: check a developer's Claude Code settings (and the shell
 * variables that override them) against every pitfall in claude-code-gateway.md, say how to fix
 * each, and with `--probe` send one request through the gateway to see what Portkey answers.
 */
import { join, resolve } from "node:path";
import { checkSettings } from "../../constructs/settings/rules";
import type { Finding } from "../../constructs/settings/types";
import { EXIT, exclusive, integerOption, type Io, parseCommandLine, UsageError } from "../args";
import { Output, secretsOf } from "../onboard/mask";
import { loadEffectiveSettings } from "./effective-settings";
import { modelRuleOptions } from "./model-options";
import { countLine, findingLines } from "./finding-lines";
import { planProbe, type ProbeResult, proxyDispatcher, sendProbe } from "./probe";

export const DOCTOR_HELP = `Usage: claude-vertex-portkey doctor [options]

Checks your Claude Code settings for the gateway pitfalls (base URL ending in /v1, Vertex flags
in provider-slug mode, secrets or malformed lines in ANTHROPIC_CUSTOM_HEADERS, missing routing
header, two credentials, Anthropic-API model IDs on Vertex, unset model slots, …) and says how to
fix each. Gateway variables exported in your shell override the file and are checked with it.

Which settings (default ~/.claude/settings.json):
  --settings <path>     any settings file (user, project or managed)
  --home <dir>          use <dir> instead of ~
  --project <dir>       <dir>/.claude/settings.json
Options:
  --probe               send one small streaming request through the gateway, as Claude Code would
  --model <id|alias>    model for the probe (default: the configured model)
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
  settingsFile: string;
  /** Names of the shell variables that override the file. */
  envOverrides: string[];
  findings: Finding[];
  probe?: ProbeResult | { skipped: string };
}

export async function doctor(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  if (values.help) {
    io.stdout(DOCTOR_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`doctor takes no arguments (got ${positionals.join(" ")}); pass the file with --settings <path>.`);
  exclusive(values, ["settings", "home", "project"]);
  const timeoutMs = integerOption("timeout-ms", values["timeout-ms"], 30_000, 100, 600_000);
  const out = new Output(io, values.json === true);

  const path = values.settings
    ? resolve(values.settings)
    : values.project
      ? join(resolve(values.project), ".claude", "settings.json")
      : join(resolve(values.home ?? io.homeDir), ".claude", "settings.json");
  out.line(`→ checking ${path}`);
  const effective = loadEffectiveSettings(path, io.env);
  out.protect(secretsOf(effective.settings, effective.overrides));
  const overrideNames = Object.keys(effective.overrides);
  if (overrideNames.length > 0) out.line(`→ shell variables that override the file: ${overrideNames.join(", ")}`);
  const findings = [...effective.findings, ...checkSettings(effective.settings, effective.overrides, modelRuleOptions(values, io))];
  for (const finding of findings) out.line(findingLines(finding));
  out.line(findings.length === 0 ? "✓ settings: no problems found" : `→ settings: ${countLine(findings)}`);

  const report: DoctorReport = { command: "doctor", ok: false, settingsFile: path, envOverrides: overrideNames, findings };
  let probeFailed = false;
  if (values.probe) {
    const env = { ...(effective.settings.env ?? {}), ...effective.overrides };
    const plan = await planProbe(effective.settings, env, { model: values.model, processEnv: io.env });
    if ("skipped" in plan) {
      report.probe = plan;
      probeFailed = true;
      out.line(`✗ probe skipped: ${plan.skipped}`);
    } else {
      out.protect(plan.request.secrets);
      out.line(`→ probe: POST ${plan.request.url} (model ${plan.request.model}, streaming)`);
      const dispatcher = proxyDispatcher(io.env);
      if (dispatcher) out.line("→ probe goes through the proxy in HTTPS_PROXY/HTTP_PROXY, as Claude Code does");
      const result = await sendProbe(plan.request, timeoutMs, dispatcher).finally(() => dispatcher?.close());
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

function probeLines(result: ProbeResult): string[] {
  const timing = `first byte ${result.firstByteMs} ms, total ${result.totalMs} ms`;
  if (result.ok) return [`✓ probe: HTTP 200, streamed ${JSON.stringify(result.text)} (${timing})`];
  const lines = [`✗ probe: ${result.status === undefined ? "no response" : `HTTP ${result.status}`} (${timing}): ${result.error}`];
  if (result.diagnosis) lines.push(`    cause: ${result.diagnosis.cause}`, `    fix: ${result.diagnosis.fix}`);
  return lines;
}
