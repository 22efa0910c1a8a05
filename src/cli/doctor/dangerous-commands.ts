/**
 * Settings that make Claude Code run shell commands: hooks (on tool use, prompts, session
 * start…), statusLine, apiKeyHelper. A command that downloads and runs code (curl … | sh,
 * sh -c "$(curl …)") is an error wherever it sits; other hooks are listed so the reader knows
 * what will run; an apiKeyHelper is expected to be one plain command, not a pipeline.
 */
import type { ClaudeSettings } from "../../constructs/settings/types";
import type { Danger } from "./dangerous-content";

const FETCHER = "(curl|wget|fetch|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)";
const RUNNER = String.raw`(sudo\s+)?(\w*sh|python\d*|node|perl|ruby|iex|Invoke-Expression)`;
/** `curl … | sh`, `sh -c "$(curl …)"`, `bash <(wget …)`. */
const DOWNLOAD_AND_RUN = new RegExp(String.raw`\b${FETCHER}\b[^\n]*\|\s*${RUNNER}\b|\$\(\s*${FETCHER}\b|<\(\s*${FETCHER}\b`, "i");
/** Pipes, command lists, substitutions, redirections: more than one plain command. */
const SHELL_SYNTAX = /[|;&`<>]|\$\(/;

const short = (command: string) => JSON.stringify(command.length > 80 ? `${command.slice(0, 77)}…` : command);

/** Every `command` string anywhere under `value` (hooks are nested: event → matchers → hooks). */
function commandsIn(value: unknown, depth = 0): string[] {
  if (depth > 6 || value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === "command" && typeof inner === "string" ? [inner] : commandsIn(inner, depth + 1)));
}

function downloadAndRun(key: string, commands: string[]): Danger[] {
  const bad = commands.filter((command) => DOWNLOAD_AND_RUN.test(command));
  if (bad.length === 0) return [];
  return [
    {
      key,
      rule: "command-downloads-and-runs",
      severity: "error",
      why: `downloads and runs code: ${bad.map(short).join(", ")}`,
      fix: `Remove ${key} unless you wrote it; whoever controls that URL runs code as you.`,
    },
  ];
}

function hookDangers(settings: ClaudeSettings): Danger[] {
  const hooks = settings.hooks;
  if (hooks === undefined || hooks === null) return [];
  if (typeof hooks !== "object" || Array.isArray(hooks)) return [];
  return Object.entries(hooks).flatMap(([event, matchers]) => {
    const key = `hooks.${event}`;
    const commands = commandsIn(matchers);
    const worst = downloadAndRun(key, commands);
    if (worst.length > 0 || commands.length === 0) return worst;
    return [
      {
        key,
        rule: "hook-runs-command",
        severity: "warning" as const,
        why: `runs shell commands on ${event}: ${commands.map(short).join(", ")}`,
        fix: `Keep ${key} only if you know these commands; remove it otherwise.`,
      },
    ];
  });
}

function helperDangers(settings: ClaudeSettings): Danger[] {
  const helper = settings.apiKeyHelper;
  if (typeof helper !== "string") return [];
  const worst = downloadAndRun("apiKeyHelper", [helper]);
  if (worst.length > 0 || !SHELL_SYNTAX.test(helper)) return worst;
  return [
    {
      key: "apiKeyHelper",
      rule: "api-key-helper-pipeline",
      severity: "warning",
      why: `is a shell pipeline, not one command: ${short(helper)}`,
      fix: "Use one command that prints the key, e.g. `gcloud secrets versions access latest --secret=<name>`.",
    },
  ];
}

function statusLineDangers(settings: ClaudeSettings): Danger[] {
  return downloadAndRun("statusLine", commandsIn({ statusLine: settings.statusLine }));
}

export function commandDangers(settings: ClaudeSettings): Danger[] {
  return [...hookDangers(settings), ...statusLineDangers(settings), ...helperDangers(settings)];
}
