/** `npm run demo` options (strict: an unknown option is a usage error, exit 2). */
import { parseCommandLine, UsageError } from "../args";

export const DEMO_HELP = `Usage: npm run demo [-- --real [--yes] [--outdir DIR]]

Without options: the whole flow against the local Portkey emulator (no cloud account).

  --real         against a real GCP project and Portkey organisation: synthesize the teams file
                 (TEAMS_FILE, else stacks/teams.json) with CVP_GCP=real, print the stacks and their
                 resource counts, check PORTKEY_API_KEY, Google credentials and terraform, and stop
                 there (exit 1) unless --yes is given or "yes" is typed on a terminal
  --yes          with --real: deploy (terraform init + apply, platform then the teams), write the
                 outputs, onboard one developer into a temporary HOME and run doctor --probe
  --outdir DIR   with --real: the synth output folder, kept between runs (default <package>/cdktf.out;
                 local state goes beside it, as with cdktf deploy)
  -h, --help     this text
`;

export interface DemoArgs {
  readonly help: boolean;
  readonly real: boolean;
  readonly yes: boolean;
  readonly outdir?: string;
}

export function parseDemoArgs(argv: string[]): DemoArgs {
  const { values, positionals } = parseCommandLine(argv, {
    real: { type: "boolean" },
    yes: { type: "boolean", short: "y" },
    outdir: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument ${JSON.stringify(positionals[0])}. See --help.`);
  if (!values.real && (values.yes || values.outdir !== undefined)) throw new UsageError("--yes and --outdir only go with --real (the emulator demo changes nothing real).");
  return { help: values.help === true, real: values.real === true, yes: values.yes === true, ...(values.outdir !== undefined ? { outdir: values.outdir } : {}) };
}
