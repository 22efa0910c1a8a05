/**
 * `claude-vertex-portkey/app`: the deployable app as a library. A platform repo's main file
 * loads its teams file and builds the `platform` and `team-<name>` stacks with it:
 *
 *   const app = new App();
 *   buildApp(app, loadTeamsFile("teams.json"), { gcp: "real" });
 *   app.synth();
 */
export * from "./app";
export * from "./config";
