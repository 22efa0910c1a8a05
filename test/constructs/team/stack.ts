/** A stack for the team tests: the provider blocks a stack would declare, and a team. */
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { PortkeyadminProvider } from "../../../src/constructs/l1/portkeyadmin/provider";
import { ClaudeCodeTeam, type ClaudeCodeTeamProps } from "../../../src/constructs/team";

export const MODELS = {
  opus: "claude-opus-4-6",
  sonnet: "claude-sonnet-4-6",
  haiku: "claude-haiku-4-5@20251001",
  default: "sonnet",
} as const;

/** The smallest valid team: one service key, provider-slug mode. */
export function teamProps(overrides: Partial<ClaudeCodeTeamProps> = {}): ClaudeCodeTeamProps {
  return {
    name: "payments",
    integrationSlug: "vertex-us-east5",
    models: MODELS,
    keys: [{ name: "ci", kind: "service" }],
    settings: { gatewayUrl: "https://api.portkey.ai" },
    ...overrides,
  };
}

export interface Synthesized {
  readonly team: ClaudeCodeTeam;
  readonly stack: TerraformStack;
  /** cdk.tf.json text. */
  readonly json: string;
  /** cdk.tf.json parsed. */
  readonly tf: TfJson;
}

export interface TfJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean }>;
}

/** Build a stack with the team, output each key's settings like a stack would, synthesize. */
export function synthTeam(props: ClaudeCodeTeamProps): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, "team");
  new PortkeyadminProvider(stack, "portkey", {});
  new GoogleProvider(stack, "google", {});
  const team = new ClaudeCodeTeam(stack, "team", props);
  for (const key of props.keys) {
    new TerraformOutput(stack, `settings-${key.name}`, { value: team.settingsJson(key.name), sensitive: true });
  }
  new TerraformOutput(stack, "summary", { value: team.summary });
  const json = Testing.synth(stack);
  return { team, stack, json, tf: JSON.parse(json) as TfJson };
}

/** The only resource of `type` (fails when there are several). */
export function only(tf: TfJson, type: string): Record<string, unknown> {
  const all = Object.values(tf.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

export function all(tf: TfJson, type: string): Record<string, unknown>[] {
  return Object.values(tf.resource[type] ?? {});
}
