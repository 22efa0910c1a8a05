/** Load a teams file and synthesize the app into `outdir` in-process (main.ts and the demo). */
import { App } from "cdktf";
import { loadTeamsFile, type TeamsConfig } from "../config";
import { type BuiltApp, buildApp } from "./build-app";
import type { GcpMode } from "./platform-stack";
import { withoutTokenStackTraces } from "./token-stack-traces";

export interface SynthesizedApp {
  readonly config: TeamsConfig;
  readonly built: BuiltApp;
  readonly outdir: string;
}

/** Throws the loader's TeamsFileError, before anything is written, when the file does not validate. */
export function synthesizeApp(options: { readonly teamsFile: string; readonly gcp: GcpMode; readonly outdir?: string; readonly asOf?: Date | string }): SynthesizedApp {
  // One evaluation date for the whole app: the teams file and every construct judge models by it.
  const config = loadTeamsFile(options.teamsFile, { asOf: options.asOf });
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const built = withoutTokenStackTraces(() => {
    const stacks = buildApp(app, config, { gcp: options.gcp });
    app.synth();
    return stacks;
  });
  return { config, built, outdir: app.outdir };
}
