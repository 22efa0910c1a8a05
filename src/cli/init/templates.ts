/**
 * The files `claude-vertex-portkey init` writes: a platform repository that depends on this
 * package instead of forking it, so an upgrade is a version bump. Versions of cdktf, constructs,
 * cdktf-cli and TypeScript are the ones this package is built and tested with.
 */
export interface TemplateInput {
  readonly name: string;
  /** How package.json names this package: a version range, or `file:…` for a packed tarball. */
  readonly packageSpec: string;
  /** This package's own dependency versions (package.json). */
  readonly versions: Readonly<Record<"cdktf" | "constructs" | "cdktf-cli" | "typescript" | "@types/node", string>>;
  /** teams.example.json with `$schema` pointing into node_modules. */
  readonly teamsJson: string;
}

export function packageJson(input: TemplateInput): string {
  const { versions } = input;
  return `${JSON.stringify(
    {
      name: input.name,
      private: true,
      description: "Claude Code for our engineering teams, through Vertex AI and Portkey (claude-vertex-portkey).",
      scripts: {
        build: "tsc",
        synth: "cdktf synth",
        "deploy:all": "cdktf deploy '*' --auto-approve",
        doctor: "claude-vertex-portkey doctor",
      },
      dependencies: { "claude-vertex-portkey": input.packageSpec, cdktf: versions.cdktf, constructs: versions.constructs },
      devDependencies: { "@types/node": versions["@types/node"], "cdktf-cli": versions["cdktf-cli"], typescript: versions.typescript },
    },
    null,
    2,
  )}\n`;
}

export const CDKTF_JSON = `${JSON.stringify(
  { language: "typescript", app: "npx tsc && node main.js", projectId: "claude-code-platform", sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} },
  null,
  2,
)}\n`;

export const TSCONFIG_JSON = `${JSON.stringify(
  { compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, skipLibCheck: true, types: ["node"] }, files: ["main.ts"] },
  null,
  2,
)}\n`;

export const MAIN_TS = `/**
 * The platform app: \`platform\` (the Vertex integrations) and one \`team-<name>\` stack per team in
 * teams.json. CVP_GCP=real creates the GCP service account and its key here; CVP_GCP=off (the
 * default) takes the key from TF_VAR_vertex_service_account_json at plan/apply time.
 */
import { readAppEnv, synthesizeApp, TeamsFileError } from "claude-vertex-portkey/app";

const env = readAppEnv(process.env, process.cwd(), __dirname);
try {
  const { config } = synthesizeApp({ teamsFile: env.teamsFile, gcp: env.gcp });
  for (const warning of config.warnings) console.error(\`warning: \${warning}\`);
} catch (error) {
  if (!(error instanceof TeamsFileError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
`;

export const GITIGNORE = `node_modules/
cdktf.out/
*.js
*.d.ts
# Local state and outputs hold keys: never commit them.
*.tfstate
*.tfstate.*
.terraform/
outputs*.json
`;

export const WORKFLOW = `# Plan on pull requests, deploy on main. Use a GCS backend in teams.json ("backend": {"type": "gcs", ...}):
# runners keep no local state. The stacks deploy in any order (team stacks wait for the platform's integrations).
name: claude-code-platform
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  id-token: write # Workload Identity Federation: no GCP key in GitHub secrets
env:
  CHECKPOINT_DISABLE: "1"
  DISABLE_VERSION_CHECK: "true"
  CVP_GCP: real
  PORTKEY_API_KEY: \${{ secrets.PORTKEY_ADMIN_API_KEY }}
jobs:
  deploy:
    runs-on: ubuntu-latest
    concurrency: { group: claude-code-platform, cancel-in-progress: false }
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 22, cache: npm }
      - uses: hashicorp/setup-terraform@v3
        with: { terraform_version: 1.11.4, terraform_wrapper: false }
      - uses: google-github-actions/auth@v2
        with:
          workload_identity_provider: \${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}
          service_account: \${{ vars.GCP_DEPLOY_SERVICE_ACCOUNT }}
      - run: npm ci --no-audit --no-fund
      - if: github.event_name == 'pull_request'
        run: npx cdktf diff platform && for s in $(npx cdktf list | awk '/^team-/ {print $1}'); do npx cdktf diff "$s"; done
      - if: github.ref == 'refs/heads/main'
        run: npx cdktf deploy '*' --auto-approve --skip-provider-lock
`;

export function readme(name: string): string {
  return `# ${name}

Claude Code for every team, through Google Vertex AI and the Portkey gateway, with
[claude-vertex-portkey](https://www.npmjs.com/package/claude-vertex-portkey).

1. \`npm install\`
2. Edit \`teams.json\` (your editor validates it against its \`$schema\`).
3. \`export PORTKEY_API_KEY=<admin key> CHECKPOINT_DISABLE=1 CVP_GCP=real\`, then
   \`npx cdktf deploy '*'\` (or \`npx cdktf deploy platform\`, then \`npx cdktf deploy 'team-*'\`).
4. Hand each developer their settings: \`(umask 077; npx cdktf output team-<name> --outputs-file out.json --outputs-file-include-sensitive-outputs)\`,
   then \`npx claude-vertex-portkey onboard out.json\` on their machine.

Upgrading is a version bump of \`claude-vertex-portkey\` in package.json.
`;
}
