/**
 * The cdktf app (`cdktf.json`: `node dist/stacks/main.js`): `cdktf synth`, `cdktf diff`,
 * `cdktf deploy platform team-<name>`, `cdktf output`.
 *
 *   TEAMS_FILE  the teams file (default stacks/teams.json, else stacks/teams.example.json)
 *   CVP_GCP     off (default): Portkey side only, key JSON from TF_VAR_vertex_service_account_json
 *               (ephemeral: never in a plan file) and its label from
 *               TF_VAR_vertex_service_account_json_version, GCP in the separate `platform-gcp`
 *               stack; real: GCP and Portkey in `platform` (the key is then in state and plans)
 *   PORTKEY_API_KEY  the Portkey admin key, read by the provider when terraform runs
 *
 * A teams file that does not validate prints every problem and synthesizes nothing (exit 1).
 */
import { TeamsFileError } from "./config";
import { readAppEnv, synthesizeApp } from "./app";

function main(): number {
  const env = readAppEnv(process.env);
  if (env.note) console.error(env.note);
  try {
    const { config } = synthesizeApp({ teamsFile: env.teamsFile, gcp: env.gcp });
    for (const warning of config.warnings) console.error(`warning: ${warning}`);
    return 0;
  } catch (error) {
    if (error instanceof TeamsFileError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
