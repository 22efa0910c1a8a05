/**
 * Helpers for the budget and rate-limit suites: a clock the test moves, and one gateway call
 * the way Claude Code makes it (Bearer key, `@slug` routing, `x-portkey-metadata`).
 */
import type { RunningEmulator } from "../../src/cli/emulator";
import type { seedTeam } from "./harness";

export type Team = Awaited<ReturnType<typeof seedTeam>>;

export function movableClock(startIso: string) {
  let now = Date.parse(startIso);
  return {
    clock: () => new Date(now),
    set: (iso: string) => {
      now = Date.parse(iso);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export const MODEL = "claude-sonnet-4-5@20250929";

export interface Ask {
  readonly user?: string;
  readonly metadata?: Record<string, string>;
  readonly maxTokens?: number;
  readonly model?: string;
  readonly key?: string;
}

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the wire shape is what the tests assert
  readonly body: any;
}

export async function ask(emulator: RunningEmulator, team: Team, options: Ask = {}): Promise<Answer> {
  const metadata = { ...(options.user ? { _user: options.user } : {}), ...options.metadata };
  const response = await fetch(`${emulator.url}/v1/messages?beta=true`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${options.key ?? team.key}`,
      "x-portkey-provider": `@${team.providerSlug}`,
      ...(Object.keys(metadata).length > 0 ? { "x-portkey-metadata": JSON.stringify(metadata) } : {}),
    },
    body: JSON.stringify({ model: options.model ?? MODEL, max_tokens: options.maxTokens ?? 100, messages: [{ role: "user", content: "hi" }] }),
  });
  return { status: response.status, body: await response.json() };
}

/** Tokens one served request counts (input + output, as its response reports them). */
export const tokensOf = (answer: Answer): number => answer.body.usage.input_tokens + answer.body.usage.output_tokens;

/** Statuses of `count` calls in a row. */
export async function statuses(emulator: RunningEmulator, team: Team, count: number, options: Ask = {}): Promise<number[]> {
  const out: number[] = [];
  for (let index = 0; index < count; index++) out.push((await ask(emulator, team, options)).status);
  return out;
}
