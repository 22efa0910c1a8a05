/**
 * `claude-vertex-portkey usage`: who spent what against which budget, from Portkey's Admin API.
 * The admin key comes from PORTKEY_API_KEY only (a flag would show it in `ps`).
 */
import { statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PortkeyClient } from "../../portkey";
import { resolveProviderSettings } from "../../provider/provider-settings";
import { EXIT, type Io, parseCommandLine, UsageError } from "../args";
import { collectUsage } from "./collect";
import { usageHtml } from "./html";
import { usageTable } from "./table";

export const USAGE_HELP = `Usage: claude-vertex-portkey usage [options]

Per team (Portkey workspace) and per developer: spend or tokens against each budget, when it
resets, each rate limit, and each key's status (exhausted keys refuse requests), read from
Portkey's Admin API with the admin key in PORTKEY_API_KEY.

Options:
  --base-url <url>   the Admin API (default $PORTKEY_BASE_URL, else https://api.portkey.ai/v1;
                     the local emulator: http://127.0.0.1:<port>/v1)
  --team <name>      only this workspace (name, slug or id); repeat for several
  --json             one JSON document on stdout (shape: docs/usage.md)
  --html <file>      also write a self-contained HTML report with charts to <file>
  -h, --help         this help

Progress goes to stderr. Exit codes: 0 reported, 1 the Admin API failed, 2 usage error.
`;

const OPTIONS = {
  "base-url": { type: "string" },
  team: { type: "string", multiple: true },
  json: { type: "boolean" },
  html: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export async function usage(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  if (values.help) {
    io.stdout(USAGE_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`usage takes no arguments (got ${positionals.map((p) => JSON.stringify(p)).join(", ")}); name teams with --team.`);
  const { settings, problems } = resolveProviderSettings(
    { api_key: null, base_url: values["base-url"] ?? null, max_retries: null, request_timeout_ms: null, wait_for_integration_seconds: null },
    io.env,
  );
  if (!settings) {
    const problem = problems[0];
    const flag = problem.attribute === "base_url" && values["base-url"] !== undefined ? "--base-url" : problem.attribute === "api_key" ? "PORTKEY_API_KEY" : problem.attribute;
    throw new UsageError(`${flag}: ${problem.detail.replace(/^Set api_key in the provider block or the PORTKEY_API_KEY environment variable/, "Set the PORTKEY_API_KEY environment variable")}`);
  }
  const htmlPath = values.html === undefined ? undefined : resolve(io.cwd, values.html);
  if (htmlPath !== undefined) checkHtmlTarget(htmlPath);

  const client = new PortkeyClient({ apiKey: settings.apiKey, baseUrl: settings.baseUrl, maxAttempts: settings.maxRetries + 1, timeoutMs: settings.timeoutMs });
  try {
    io.stderr(`→ reading usage from ${new URL(settings.baseUrl).host}\n`);
    const report = await collectUsage(client, {
      teams: values.team,
      now: io.now(),
      onProgress: (done, total) => io.stderr(`→ team ${done} of ${total} read\n`),
    });
    if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout(usageTable(report));
    if (htmlPath !== undefined) {
      writeFileSync(htmlPath, usageHtml(report), { mode: 0o644 });
      io.stderr(`✓ HTML report: ${htmlPath}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    io.stderr(`✗ usage: ${(error as Error).message}\n`);
    return EXIT.problems;
  } finally {
    await client.close();
  }
}

function checkHtmlTarget(path: string): void {
  const parent = dirname(path);
  let isDir = false;
  try {
    isDir = statSync(parent).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`--html ${path}: the folder ${parent} does not exist; create it or choose another path.`);
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`--html ${path} is a folder; name a file, e.g. ${path}/usage.html.`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
}
