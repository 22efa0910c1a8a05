/** The whole app from one validated teams file: `platform`, `platform-gcp` (GCP off) and one stack per team. */
import type { App } from "cdktf";
import type { TeamsConfig } from "../config";
import { PlatformGcpStack } from "./platform-gcp-stack";
import { type GcpMode, PlatformStack } from "./platform-stack";
import { TeamStack, teamStackName } from "./team-stack";

export const PLATFORM_STACK = "platform";
export const PLATFORM_GCP_STACK = "platform-gcp";

export interface BuiltApp {
  readonly platform: PlatformStack;
  /** Only with `gcp: "off"`: synthesized for review, not deployed. */
  readonly platformGcp?: PlatformGcpStack;
  readonly teams: readonly TeamStack[];
}

export function buildApp(app: App, config: TeamsConfig, options: { readonly gcp: GcpMode }): BuiltApp {
  const platform = new PlatformStack(app, PLATFORM_STACK, { config, gcp: options.gcp });
  const platformGcp = options.gcp === "off" ? new PlatformGcpStack(app, PLATFORM_GCP_STACK, config) : undefined;
  const teams = config.teams.map((team) => new TeamStack(app, teamStackName(team.name), { config, team }));
  return { platform, ...(platformGcp ? { platformGcp } : {}), teams };
}
