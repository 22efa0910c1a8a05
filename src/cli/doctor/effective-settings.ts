/**
 * What Claude Code will actually use: the settings file, plus the gateway variables exported in
 * the developer's shell, which win over the file's `env` (a forgotten `export
 * ANTHROPIC_BASE_URL=…` in ~/.zshrc is a classic). Problems with the file itself (missing, not
 * JSON, non-string env values, readable by others) are findings too.
 */
import { statSync } from "node:fs";
import type { ClaudeSettings, Finding } from "../../constructs/settings/types";
import { isSecretEnv, maskValue } from "../onboard/mask";
import { isGatewayEnv } from "../onboard/merge";
import { readSettingsFile } from "../onboard/settings-file";

export interface EffectiveSettings {
  readonly settings: ClaudeSettings;
  /** Gateway variables set in the process environment (they override the file). */
  readonly overrides: Record<string, string>;
  readonly findings: Finding[];
}

const shown = (name: string, value: string) => (isSecretEnv(name) ? maskValue(value) : JSON.stringify(value));

export function loadEffectiveSettings(path: string, processEnv: Readonly<Record<string, string | undefined>>): EffectiveSettings {
  const findings: Finding[] = [];
  const file = readSettingsFile(path);
  let settings: ClaudeSettings = {};
  if (file.kind === "missing") {
    findings.push({
      rule: "settings-missing",
      severity: "error",
      message: `${path} does not exist, so Claude Code is not pointed at the gateway.`,
      fix: "Run `claude-vertex-portkey onboard <team outputs.json>` (or pass the file to check with --settings).",
    });
  } else if (file.kind === "corrupt") {
    findings.push({
      rule: "settings-corrupt",
      severity: "error",
      message: `${path} cannot be used: ${file.reason}. Claude Code ignores or rejects it.`,
      fix: `Fix the JSON by hand, or move it aside (mv "${path}" "${path}.broken") and run onboard again.`,
    });
  } else {
    settings = file.settings;
    findings.push(...shapeFindings(settings), ...modeFindings(path, settings));
  }

  const overrides: Record<string, string> = {};
  const fileEnv = stringEnv(settings);
  for (const [name, value] of Object.entries(processEnv)) {
    if (value === undefined || value === "" || !isGatewayEnv(name)) continue;
    overrides[name] = value;
    if (fileEnv[name] === value) continue;
    findings.push({
      rule: "env-override",
      severity: "warning",
      message:
        fileEnv[name] === undefined
          ? `${name} is set in your shell (${shown(name, value)}) but not in ${path}; Claude Code uses the shell's value.`
          : `${name} is set in your shell (${shown(name, value)}) and overrides ${path} (${shown(name, fileEnv[name])}).`,
      fix: `Remove \`export ${name}=…\` from your shell profile (~/.bashrc, ~/.zshrc, ~/.profile) and run \`unset ${name}\`, so the onboarded settings apply.`,
    });
  }
  return { settings: { ...settings, env: fileEnv }, overrides, findings };
}

/** The file's env with non-string values dropped (they are reported by shapeFindings). */
function stringEnv(settings: ClaudeSettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings.env ?? {})) if (typeof value === "string") env[name] = value;
  return env;
}

function shapeFindings(settings: ClaudeSettings): Finding[] {
  const findings: Finding[] = [];
  for (const [name, value] of Object.entries(settings.env ?? {})) {
    if (typeof value !== "string") {
      findings.push({
        rule: "env-not-string",
        severity: "error",
        message: `env.${name} is ${JSON.stringify(value)} (a ${value === null ? "null" : typeof value}); settings.json env values must be strings.`,
        fix: `Quote it: "${name}": "${String(value)}".`,
      });
    }
  }
  for (const field of ["model", "apiKeyHelper"] as const) {
    if (settings[field] !== undefined && typeof settings[field] !== "string") {
      findings.push({ rule: "env-not-string", severity: "error", message: `${field} must be a string.`, fix: `Set "${field}" to a string.` });
    }
  }
  return findings;
}

/** A file holding a key must not be readable by other users. */
function modeFindings(path: string, settings: ClaudeSettings): Finding[] {
  const holdsKey = Object.entries(settings.env ?? {}).some(([name, value]) => isSecretEnv(name) && typeof value === "string" && value !== "");
  if (!holdsKey || process.platform === "win32") return [];
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  return [
    {
      rule: "settings-readable-by-others",
      severity: "warning",
      message: `${path} holds the Portkey key and has mode ${mode.toString(8).padStart(4, "0")}: other users of this machine can read it.`,
      fix: `chmod 600 "${path}"`,
    },
  ];
}
