/** The part of Claude Code's `settings.json` this toolkit writes and checks. */
export interface ClaudeSettings {
  env?: Record<string, string>;
  model?: string;
  apiKeyHelper?: string;
  [other: string]: unknown;
}

export type Severity = "error" | "warning";

/** One broken rule of ../shared/docs/claude-code-gateway.md, with how to fix it. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
}
