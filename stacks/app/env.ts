/**
 * The app's environment: which teams file (TEAMS_FILE) and whether GCP is real (CVP_GCP).
 * Relative paths are resolved against the working directory (where cdktf runs the app).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { packageRoot } from "../../src/provider/install";
import type { GcpMode } from "./platform-stack";

export interface AppEnv {
  readonly teamsFile: string;
  readonly gcp: GcpMode;
  /** Said once when the example file stands in for a missing stacks/teams.json. */
  readonly note?: string;
}

const gcpMode = z.enum(["real", "off"], {
  error: (issue) =>
    `CVP_GCP=${JSON.stringify(issue.input)} is not a mode. Fix: use CVP_GCP=real (create the GCP service account and hand its key to Portkey) or CVP_GCP=off (the default: the key JSON comes from TF_VAR_vertex_service_account_json and the GCP part is only synthesized).`,
});

/**
 * TEAMS_FILE as a path, or why it cannot be one: a value pasted with a line break or spaces around
 * it, or a file that is not there, is named here (the loader would only name a path). An empty
 * TEAMS_FILE counts as unset.
 */
function teamsFileFromEnv(raw: string, cwd: string): string {
  const fix = "Fix: set TEAMS_FILE to the path of your teams file (absolute, or relative to the directory cdktf runs in), or unset it to use stacks/teams.json.";
  const control = [...raw].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
  if (control || raw.trim() !== raw) {
    throw new Error(`TEAMS_FILE=${JSON.stringify(raw)} has ${raw.trim() === "" ? "only spaces" : "spaces, a line break or a control character around or inside it"}. ${fix}`);
  }
  const file = resolve(cwd, raw);
  if (!existsSync(file)) throw new Error(`TEAMS_FILE=${JSON.stringify(raw)}: there is no file at ${file}. ${fix}`);
  return file;
}

/** `stacksDir`: where teams.json and teams.example.json live (the package's stacks/ folder). */
export function readAppEnv(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd(), stacksDir = join(packageRoot(), "stacks")): AppEnv {
  const parsed = gcpMode.safeParse(env.CVP_GCP || "off");
  if (!parsed.success) throw new Error(parsed.error.issues[0].message);
  if (env.TEAMS_FILE) return { teamsFile: teamsFileFromEnv(env.TEAMS_FILE, cwd), gcp: parsed.data };
  const teamsFile = join(stacksDir, "teams.json");
  if (existsSync(teamsFile)) return { teamsFile, gcp: parsed.data };
  return {
    teamsFile: join(stacksDir, "teams.example.json"),
    gcp: parsed.data,
    note: "note: stacks/teams.json not found, using stacks/teams.example.json. Copy it to stacks/teams.json (or set TEAMS_FILE) to deploy your own teams.",
  };
}
