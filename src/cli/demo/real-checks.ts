/**
 * What `npm run demo -- --real` checks before it changes anything: the teams file is not the
 * example's placeholder, and the inputs terraform reads from the environment are there (the
 * Portkey Admin API key, Google credentials the way the google provider finds them, terraform
 * on PATH). Each problem says what is missing and how to get it; no check prints a secret.
 */
import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { TeamsConfig } from "../../../stacks/config";
import { packageRoot } from "../../provider/install";
import { apiKeyProblem } from "../../provider/provider-settings";

type Env = Readonly<Record<string, string | undefined>>;

export const EXAMPLE_TEAMS_FILE = () => join(packageRoot(), "stacks", "teams.example.json");

/** The GCP project the example teams file ships with: a placeholder nobody owns. */
export function placeholderProjectId(exampleFile = EXAMPLE_TEAMS_FILE()): string {
  return (JSON.parse(readFileSync(exampleFile, "utf8")) as { gcp: { project_id: string } }).gcp.project_id;
}

/** Refuse the example's placeholder project: a real run needs the user's own. */
export function placeholderProblem(config: TeamsConfig, exampleFile = EXAMPLE_TEAMS_FILE()): string | undefined {
  const placeholder = placeholderProjectId(exampleFile);
  if (config.gcp.project_id !== placeholder) return undefined;
  return [
    `${config.file} has gcp.project_id "${placeholder}", the example's placeholder: --real deploys to a real GCP project and Portkey organisation, and this one is not yours.`,
    "Fix: cp stacks/teams.example.json stacks/teams.json (or point TEAMS_FILE at your file), set gcp.project_id to your GCP project and edit the teams, then run again.",
  ].join("\n");
}

/** Whether `path` is an existing regular file. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The ADC file `gcloud auth application-default login` writes. */
export function wellKnownAdcFile(env: Env, homeDir: string, platform: NodeJS.Platform = process.platform): string {
  if (env.CLOUDSDK_CONFIG) return join(env.CLOUDSDK_CONFIG, "application_default_credentials.json");
  if (platform === "win32" && env.APPDATA) return join(env.APPDATA, "gcloud", "application_default_credentials.json");
  return join(homeDir, ".config", "gcloud", "application_default_credentials.json");
}

export type CredentialCheck = { readonly source: string } | { readonly problem: string };

const GOOGLE_HOW =
  "Fix: run `gcloud auth application-default login` (Application Default Credentials), or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file; on a machine whose credentials come only from the metadata server, set GOOGLE_OAUTH_ACCESS_TOKEN=$(gcloud auth print-access-token). The identity needs the roles listed in README, \"Quick start with a real GCP project\".";

/**
 * The credentials the google provider will use, in its own order: `GOOGLE_CREDENTIALS` (and its
 * older names), `GOOGLE_OAUTH_ACCESS_TOKEN`, then Application Default Credentials
 * (`GOOGLE_APPLICATION_CREDENTIALS`, gcloud's well-known file, Cloud Shell's metadata server).
 * Only names and paths are reported, never contents.
 */
export function googleCredentials(env: Env, homeDir: string, platform: NodeJS.Platform = process.platform): CredentialCheck {
  for (const name of ["GOOGLE_CREDENTIALS", "GOOGLE_CLOUD_KEYFILE_JSON", "GCLOUD_KEYFILE_JSON"]) {
    if (env[name]) return { source: `${name} (set)` };
  }
  if (env.GOOGLE_OAUTH_ACCESS_TOKEN) return { source: "GOOGLE_OAUTH_ACCESS_TOKEN (set)" };
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (keyFile) {
    if (isFile(keyFile)) return { source: `GOOGLE_APPLICATION_CREDENTIALS (${keyFile})` };
    return { problem: `GOOGLE_APPLICATION_CREDENTIALS is set to ${keyFile}, which is not a file: the google provider would fail to read it.\n${GOOGLE_HOW}` };
  }
  const adc = wellKnownAdcFile(env, homeDir, platform);
  if (isFile(adc)) return { source: `Application Default Credentials (${adc})` };
  if (env.CLOUD_SHELL === "true") return { source: "Cloud Shell's metadata server" };
  return {
    problem: `No Google credentials: none of GOOGLE_CREDENTIALS, GOOGLE_OAUTH_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS is set, and there is no Application Default Credentials file at ${adc}.\n${GOOGLE_HOW}`,
  };
}

/** The executable `name` on `env.PATH`, or undefined. */
export function findOnPath(name: string, env: Env, platform: NodeJS.Platform = process.platform): string | undefined {
  const file = platform === "win32" ? `${name}.exe` : name;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, file);
    try {
      if (!isFile(path)) continue;
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not executable: keep looking
    }
  }
  return undefined;
}

export interface Prerequisites {
  /** What was found, one line each, without secrets. */
  readonly found: readonly string[];
  /** What is missing, each with its fix. */
  readonly problems: readonly string[];
}

export function checkPrerequisites(env: Env, homeDir: string): Prerequisites {
  const found: string[] = [];
  const problems: string[] = [];
  const keyProblem = env.PORTKEY_API_KEY?.trim() ? apiKeyProblem(env.PORTKEY_API_KEY, "PORTKEY_API_KEY") : undefined;
  if (keyProblem) problems.push(keyProblem);
  else if (env.PORTKEY_API_KEY?.trim()) found.push("Portkey Admin API key: PORTKEY_API_KEY (set)");
  else {
    problems.push(
      [
        "PORTKEY_API_KEY is not set: terraform's portkeyadmin provider reads your Portkey organisation's Admin API key from it (it is never put on a command line or in the synthesized JSON).",
        "Fix: in Portkey, Admin settings → API keys, create an Admin API key with the scopes listed in README, \"Quick start with a real GCP project\" step 3; then export PORTKEY_API_KEY=<that key> and run again.",
      ].join("\n"),
    );
  }
  const google = googleCredentials(env, homeDir);
  if ("source" in google) found.push(`Google credentials: ${google.source}`);
  else problems.push(google.problem);
  const terraform = findOnPath("terraform", env);
  if (terraform) found.push(`terraform: ${terraform}`);
  else problems.push("terraform is not on PATH. Fix: install Terraform 1.11 or later (https://developer.hashicorp.com/terraform/install) and make sure `terraform version` runs in this shell.");
  return { found, problems };
}
