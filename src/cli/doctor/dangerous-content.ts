/**
 * Settings content that can run code, weaken security or send the team's key elsewhere, in
 * classes: hooks and other commands, permissions, env that loads code or turns TLS off, proxies
 * and plain-http gateways to another machine, an apiKeyHelper that is a shell pipeline. Doctor
 * flags these in every layer (a file passed around or a CI artifact can carry them); onboard
 * uses the same words to say why it refuses a key.
 */
import type { ClaudeSettings, Severity } from "../../constructs/settings/types";
import { isLoopbackHost } from "../../portkey/url-rules";
import { commandDangers } from "./dangerous-commands";

export interface Danger {
  /** Dotted path in the settings object: `hooks.PreToolUse`, `env.NODE_OPTIONS`, `permissions.defaultMode`. */
  readonly key: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly why: string;
  readonly fix: string;
}

type DangerClass = (settings: ClaudeSettings) => Danger[];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `Bash`, `Bash(*)`, `Bash(:*)`, `Bash( ** )`: every shell command without asking. */
const BROAD_ALLOW = /^Bash(\(\s*[*:]*\s*\))?$/;

const permissionDangers: DangerClass = (settings) => {
  const permissions = settings.permissions;
  if (!isObject(permissions)) return [];
  const found: Danger[] = [];
  if (permissions.defaultMode === "bypassPermissions") {
    found.push({
      key: "permissions.defaultMode",
      rule: "permissions-bypassed",
      severity: "warning",
      why: 'is "bypassPermissions": Claude Code runs every tool, shell commands included, without asking',
      fix: 'Remove defaultMode, or set it to "default" (or "acceptEdits" for file edits only).',
    });
  }
  const allow = Array.isArray(permissions.allow) ? permissions.allow : [];
  const broad = allow.filter((rule): rule is string => typeof rule === "string" && BROAD_ALLOW.test(rule.trim()));
  if (broad.length > 0) {
    found.push({
      key: "permissions.allow",
      rule: "permissions-allow-all-shell",
      severity: "warning",
      why: `allows ${broad.map((rule) => JSON.stringify(rule)).join(", ")}: every shell command runs without asking`,
      fix: 'Allow named commands only, e.g. "Bash(npm run test:*)".',
    });
  }
  return found;
};

/** Variables that make the Node runtime, the loader or a shell run code of the file's choosing. */
const CODE_LOADING_ENV = /^(NODE_OPTIONS|NODE_PATH|LD_PRELOAD|LD_AUDIT|LD_LIBRARY_PATH|DYLD_\w+|BASH_ENV)$/;
const PROXY_ENV = /^(https?|all)_proxy$/i;
const GATEWAY_URL_ENV = new Set(["ANTHROPIC_BASE_URL", "ANTHROPIC_VERTEX_BASE_URL", "ANTHROPIC_BEDROCK_BASE_URL"]);

function hostOf(raw: string): { protocol: string; hostname: string } | undefined {
  try {
    const url = new URL(raw.includes("://") ? raw : `http://${raw}`);
    return { protocol: url.protocol, hostname: url.hostname };
  } catch {
    return undefined;
  }
}

const envDangers: DangerClass = (settings) => {
  const env = isObject(settings.env) ? settings.env : {};
  const found: Danger[] = [];
  for (const [name, raw] of Object.entries(env)) {
    const value = typeof raw === "string" ? raw : String(raw);
    const key = `env.${name}`;
    if (CODE_LOADING_ENV.test(name)) {
      const error = name !== "NODE_OPTIONS" && name !== "NODE_PATH";
      found.push({
        key,
        rule: "env-loads-code",
        severity: error ? "error" : "warning",
        why: `makes ${name.startsWith("NODE") ? "Node (Claude Code itself)" : name === "BASH_ENV" ? "every shell Claude Code starts" : "the dynamic loader"} load code the settings file chooses`,
        fix: `Remove ${name} from this file; set it in your shell for one run if you really need it.`,
      });
    } else if (name === "NODE_TLS_REJECT_UNAUTHORIZED" && value.trim() === "0") {
      found.push({
        key,
        rule: "env-tls-off",
        severity: "error",
        why: "is 0: Node stops checking certificates, so anyone on the network can read the team's key and answers",
        fix: `Remove ${name}; for a private CA use NODE_EXTRA_CA_CERTS in your shell.`,
      });
    } else if (PROXY_ENV.test(name)) {
      const host = hostOf(value);
      if (value.trim() !== "" && !(host && isLoopbackHost(host.hostname))) {
        found.push({
          key,
          rule: "env-proxy",
          severity: "warning",
          why: `sends all of Claude Code's traffic, the team's key included, through ${host ? host.hostname : "a proxy"}`,
          fix: `Remove ${name} from this file if you did not put it there; a corporate proxy belongs in your shell or managed settings.`,
        });
      }
    } else if (GATEWAY_URL_ENV.has(name)) {
      const host = hostOf(value);
      if (host?.protocol === "http:" && !isLoopbackHost(host.hostname)) {
        found.push({
          key,
          rule: "env-gateway-plain-http",
          severity: "error",
          why: `is plain http to ${host.hostname}: the team's key travels unencrypted to another machine`,
          fix: "Use https (plain http only for 127.0.0.1/::1/localhost, e.g. the local emulator).",
        });
      }
    }
  }
  return found;
};

export const DANGER_CLASSES: readonly DangerClass[] = [commandDangers, permissionDangers, envDangers];

export function dangersIn(settings: ClaudeSettings): Danger[] {
  return DANGER_CLASSES.flatMap((found) => found(settings));
}
