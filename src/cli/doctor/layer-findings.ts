/**
 * Findings about how the layers combine, as Claude Code 2.1.330 combines them (see
 * ../layers/effective.ts): a layer that overrides the onboarded values, a shell export that a
 * file silently beats (or that applies because no file sets it), ANTHROPIC_MODEL hiding the
 * `model` setting, an empty value hiding a real one, a file Claude Code ignores, and managed
 * settings that lock gateway credentials out.
 */
import type { Finding } from "../../constructs/settings/types";
import type { EffectiveSettings, EffectiveValue, Origin, Sourced } from "../layers/effective";
import { describeLayer, type LayerRef, type SettingsLayer } from "../layers/read";
import { modelId } from "../layers/request-model";
import { isSecretEnv, maskValue } from "../onboard/mask";
import { isGatewayEnv } from "../onboard/merge";
import { identityProblem, metadataOf } from "../onboard/identity";

export function describeOrigin(from: Origin): string {
  if (from.source === "shell") return "your shell's environment";
  if (from.source === "command-line") return from.path;
  return describeLayer(from as LayerRef);
}

/** A value as doctor prints it: secrets masked, long values cut. */
export function shown(name: string, value: string): string {
  if (isSecretEnv(name)) return maskValue(value);
  const text = JSON.stringify(value);
  return text.length > 90 ? `${text.slice(0, 80)}…"` : text;
}

const isFile = (from: Origin) => from.source !== "shell" && from.source !== "command-line";

function overrideFix(name: string, winner: Origin): string {
  const path = winner.path;
  switch (winner.source) {
    case "managed":
      return `Managed settings win over every other file: whoever deploys ${path} must remove ${name} from it or set the team's value (e.g. with \`claude-vertex-portkey onboard … --managed\`).`;
    case "flag":
      return `Drop ${name} from the --settings value you start Claude Code with.`;
    default:
      return `Remove ${name} from ${path} if it is a stale copy, or update that file with \`claude-vertex-portkey onboard <outputs.json> --project <dir>\`.`;
  }
}

/** A gateway value (or model/apiKeyHelper) set in two files with different values. */
function overrideFinding(name: string, value: EffectiveValue): Finding[] {
  if (!isFile(value.from)) return [];
  const hidden = value.hides.find((other) => isFile(other.from) && other.value !== value.value);
  if (!hidden) return [];
  if (value.value === "") {
    return [
      {
        rule: "empty-value-hides",
        severity: "warning",
        message: `${name} is an empty string in ${describeOrigin(value.from)}, which hides ${shown(name, hidden.value)} from ${describeOrigin(hidden.from)}: Claude Code (2.1.330) then acts as if ${name} were unset.`,
        fix: `Remove the empty ${name} from ${value.from.path}.`,
      },
    ];
  }
  return [
    {
      rule: "layer-overrides",
      severity: "warning",
      message: `${name} ${shown(name, value.value)} from ${describeOrigin(value.from)} overrides ${shown(name, hidden.value)} from ${describeOrigin(hidden.from)}: Claude Code uses the first.`,
      fix: overrideFix(name, value.from),
    },
  ];
}

/** The shell loses to every settings file (observed with 2.1.330), but applies alone. */
function shellFinding(name: string, value: EffectiveValue): Finding[] {
  if (value.from.source === "shell") {
    return [
      {
        rule: "shell-only",
        severity: "warning",
        message: `${name} comes only from your shell (${shown(name, value.value)}): Claude Code uses it while it is exported, and no settings file shows it.`,
        fix: `Remove \`export ${name}=…\` from your shell profile (~/.bashrc, ~/.zshrc, ~/.profile) and run \`unset ${name}\`, or put the value in settings with onboard.`,
      },
    ];
  }
  const exported = value.hides.find((other: Sourced) => other.from.source === "shell");
  if (!exported || exported.value === value.value) return [];
  return [
    {
      rule: "shell-export-ignored",
      severity: "warning",
      message: `${name} is exported in your shell (${shown(name, exported.value)}) but ${describeOrigin(value.from)} sets it (${shown(name, value.value)}): Claude Code (2.1.330) uses the file's value; the export has no effect on it.`,
      fix: `If the export was meant for Claude Code, change the settings file instead (onboard); otherwise remove \`export ${name}=…\` from your shell profile to avoid the confusion.`,
    },
  ];
}

/** ANTHROPIC_MODEL, from any file or the shell, beats `model` in every layer (2.1.330); said when the IDs differ. */
function modelVariableFinding(effective: EffectiveSettings): Finding[] {
  const variable = effective.env.ANTHROPIC_MODEL;
  const setting = effective.model;
  if (!variable || variable.value === "" || !setting || modelId(setting.value, effective) === modelId(variable.value, effective)) return [];
  return [
    {
      rule: "model-variable-wins",
      severity: "warning",
      message: `ANTHROPIC_MODEL ${shown("ANTHROPIC_MODEL", variable.value)} from ${describeOrigin(variable.from)} wins over "model": ${JSON.stringify(setting.value)} in ${describeOrigin(setting.from)}: Claude Code (2.1.330) ranks the variable above the model setting of every layer.`,
      fix: `Remove ANTHROPIC_MODEL from ${variable.from.source === "shell" ? "your shell profile (and `unset ANTHROPIC_MODEL`)" : variable.from.path}, or set it to the same model.`,
    },
  ];
}

/**
 * forceLoginMethod / forceLoginOrgUUID in managed settings: Claude Code 2.1.330 refuses a
 * gateway token or apiKeyHelper under them, exits 1 and sends nothing ("This machine's managed
 * settings require a first-party login …"). In any other layer they are ignored.
 */
export function forceLoginFindings(effective: EffectiveSettings): Finding[] {
  const env = effective.env;
  const usesGateway = ["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"].some((name) => env[name] && env[name].value !== "") || effective.apiKeyHelper !== undefined;
  if (!usesGateway) return [];
  return effective.forceLogin.map(({ key, value, from }) => ({
    rule: "managed-forces-login",
    severity: "error",
    message: `${describeOrigin(from)} sets ${key} (${JSON.stringify(value)}): Claude Code (2.1.330) then refuses the gateway's credential (ANTHROPIC_AUTH_TOKEN or apiKeyHelper), prints "This machine's managed settings require a first-party login" and exits 1 without sending a request.`,
    fix: `Whoever deploys ${from.path} must remove forceLoginMethod and forceLoginOrgUUID from it (they apply only to sign-ins to Anthropic) for this machine to use the gateway.`,
  }));
}

/**
 * Requests through Portkey that name no developer: a team's per-developer budget (a policy
 * grouped by `metadata._user`) and the usage report then count everyone on the key as one.
 * User keys are the exception (Portkey sets `_user` to the key's owner); doctor cannot tell
 * a user key from a service key offline, so it says so rather than stay silent.
 */
export function identityFindings(effective: EffectiveSettings): Finding[] {
  const headers = effective.env.ANTHROPIC_CUSTOM_HEADERS;
  if (!headers || !/^x-portkey-(provider|config|virtual-key):/im.test(headers.value)) return [];
  const metadata = metadataOf(headers.value);
  if (metadata === undefined && /^x-portkey-metadata:/im.test(headers.value)) return []; // bad-metadata says why
  const user = metadata?._user;
  if (typeof user === "string" && user.trim() !== "" && identityProblem(user) === undefined) return [];
  return [
    {
      rule: "no-developer-identity",
      severity: "warning",
      message: `Requests name no developer: x-portkey-metadata in ${describeOrigin(headers.from)} has no _user${typeof user === "string" && user.trim() !== "" ? " Portkey accepts" : ""}, so a per-developer budget and the usage report count everyone on this team's key as one person (unless it is a user key: Portkey then names its owner).`,
      fix: "Run `claude-vertex-portkey onboard <team outputs.json> --user you@example.com` (onboard takes your git email by default); on a managed machine, see README.md, \"Who is sending\".",
    },
  ];
}

/** A file Claude Code cannot use, and no settings at all. */
function stateFindings(layers: readonly SettingsLayer[], effective: EffectiveSettings): Finding[] {
  const findings: Finding[] = [];
  for (const layer of layers) {
    if (layer.state.kind === "corrupt") {
      findings.push({
        rule: "settings-corrupt",
        severity: "error",
        message: `${describeLayer(layer)} cannot be used: ${layer.state.reason}. Claude Code ignores the whole file.`,
        fix: `Fix the JSON by hand, or move it aside (mv "${layer.path}" "${layer.path}.broken") and run onboard again.`,
      });
    } else if (layer.state.kind === "missing" && layer.source === "flag") {
      findings.push({ rule: "settings-missing", severity: "error", message: `The --settings file ${layer.path} does not exist.`, fix: "Pass an existing file, or the settings as JSON." });
    }
  }
  const anyFile = layers.some((layer) => layer.state.kind !== "missing");
  if (!anyFile && !effective.env.ANTHROPIC_BASE_URL) {
    const user = layers.find((layer) => layer.source === "user");
    findings.push({
      rule: "settings-missing",
      severity: "error",
      message: `No settings file exists (${user?.path ?? "~/.claude/settings.json"} included), so Claude Code is not pointed at the gateway.`,
      fix: "Run `claude-vertex-portkey onboard <team outputs.json>`.",
    });
  }
  return findings;
}

export function layerFindings(layers: readonly SettingsLayer[], effective: EffectiveSettings): Finding[] {
  const findings = stateFindings(layers, effective);
  for (const [name, value] of Object.entries(effective.env)) {
    if (!isGatewayEnv(name)) continue;
    findings.push(...overrideFinding(name, value), ...shellFinding(name, value));
  }
  if (effective.model) findings.push(...overrideFinding("model", effective.model));
  if (effective.apiKeyHelper) findings.push(...overrideFinding("apiKeyHelper", effective.apiKeyHelper));
  findings.push(...modelVariableFinding(effective), ...forceLoginFindings(effective), ...identityFindings(effective));
  return findings;
}
