/**
 * `claude-vertex-portkey init <dir>`: a ready platform repository that depends on this package
 * (templates.ts). It writes into an empty or new folder only, so nothing of the user's is lost.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { packageRoot } from "../../provider/install/address";
import { EXIT, type Io, parseCommandLine, UsageError } from "../args";
import { CDKTF_JSON, GITIGNORE, MAIN_TS, packageJson, readme, TSCONFIG_JSON, WORKFLOW } from "./templates";

export const INIT_HELP = `Usage: claude-vertex-portkey init <dir> [--package <spec>]

Writes a platform repository into <dir> (new or empty): package.json depending on
claude-vertex-portkey, cdktf.json, main.ts, teams.json (with its $schema), tsconfig.json,
.gitignore (state and outputs), a GitHub Actions workflow and a README. Then: cd <dir> && npm install.

Options:
  --package <spec>   how package.json names claude-vertex-portkey (default: ^<this version>;
                     e.g. file:../claude-vertex-portkey-0.1.0.tgz for a packed build)
`;

const OPTIONS = { help: { type: "boolean", short: "h" }, package: { type: "string" } } as const;

interface OwnPackage {
  readonly version: string;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

export async function init(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  if (values.help) {
    io.stdout(INIT_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("init needs exactly one argument: the folder to create the platform repository in.");
  const dir = resolve(io.cwd, positionals[0]);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    io.stderr(`✗ ${dir} ${statSync(dir).isDirectory() ? "is not empty" : "is not a folder"}: init writes only into a new or empty folder, so nothing there is overwritten. Fix: name a new folder.\n`);
    return EXIT.problems;
  }

  const root = packageRoot(__dirname);
  const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as OwnPackage;
  const teams = JSON.parse(readFileSync(join(root, "stacks", "teams.example.json"), "utf8")) as Record<string, unknown>;
  const teamsJson = `${JSON.stringify({ ...teams, $schema: "./node_modules/claude-vertex-portkey/stacks/config/teams.schema.json" }, null, 2)}\n`;
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, "-") || "claude-code-platform";
  const input = {
    name,
    packageSpec: values.package ?? `^${own.version}`,
    versions: {
      cdktf: own.dependencies.cdktf,
      constructs: own.dependencies.constructs,
      "cdktf-cli": own.devDependencies["cdktf-cli"],
      typescript: own.devDependencies.typescript,
      "@types/node": own.devDependencies["@types/node"],
    },
    teamsJson,
  };

  const files: Record<string, string> = {
    "package.json": packageJson(input),
    "cdktf.json": CDKTF_JSON,
    "tsconfig.json": TSCONFIG_JSON,
    "main.ts": MAIN_TS,
    "teams.json": teamsJson,
    ".gitignore": GITIGNORE,
    ".github/workflows/claude-code-platform.yml": WORKFLOW,
    "README.md": readme(name),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text, { flag: "wx" });
  }
  io.stdout(`✓ platform repository written to ${dir}: ${Object.keys(files).join(", ")}\n\nNext:\n  cd ${positionals[0]} && npm install\n  edit teams.json, then: npx cdktf deploy '*'\n`);
  return EXIT.ok;
}
