/**
 * The demo's per-developer budget (issue 15, item 5): two developers of one team onboarded from
 * the same outputs (one team key, each named by onboard as `_user`), traffic through the
 * emulator's gateway exactly as Claude Code sends it, until the first reaches the team's
 * per-developer budget: Portkey's 412 for that one, 200 for the other. Then the usage report.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClaudeSettings } from "../../constructs/settings/types";
import { planProbe } from "../doctor/probe";
import { cli, indent } from "./developer";

export interface BudgetDemo {
  readonly outputsFile: string;
  /** e.g. `team-data-science.settings_claude-code`. */
  readonly selector: string;
  readonly adminUrl: string;
  readonly adminKey: string;
  /** Where the HTML usage report goes. */
  readonly dir: string;
  readonly say: (line?: string) => void;
}

const MAX_REQUESTS = 200;

/** One Messages request with the developer's settings, built as doctor's probe builds it: as Claude Code sends it. */
async function send(settings: ClaudeSettings): Promise<{ status: number; body: string }> {
  const env = settings.env ?? {};
  const plan = await planProbe(settings, env, { model: env.ANTHROPIC_DEFAULT_SONNET_MODEL ?? "", helperEnv: {} });
  if ("skipped" in plan) throw new Error(`the demo developer's settings cannot send a request: ${plan.skipped}`);
  const { url, headers, body } = plan.request;
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, body: await response.text() };
}

async function onboardDeveloper(outputsFile: string, selector: string, user: string, say: (line?: string) => void): Promise<ClaudeSettings> {
  const home = mkdtempSync(join(tmpdir(), "cvp-demo-dev-"));
  const onboarded = await cli(["onboard", outputsFile, "--home", home, "--output", selector, "--user", user], home);
  say(`\nclaude-vertex-portkey onboard ${outputsFile} --home ${home} --output ${selector} --user ${user}`);
  say(indent(onboarded.output.split("\n").filter((line) => /developer|wrote|requests name/.test(line)).join("\n")));
  if (onboarded.code !== 0) throw new Error(`onboard of ${user} exited ${onboarded.code}:\n${onboarded.output}`);
  return JSON.parse(readFileSync(join(home, ".claude", "settings.json"), "utf8")) as ClaudeSettings;
}

export async function perDeveloperBudgetDemo({ outputsFile, selector, adminUrl, adminKey, dir, say }: BudgetDemo): Promise<{ reportPath: string }> {
  const [first, second] = ["ana@demo.example.com", "grace@demo.example.com"];
  const settings = { [first]: await onboardDeveloper(outputsFile, selector, first, say), [second]: await onboardDeveloper(outputsFile, selector, second, say) };
  say(`\nTraffic as ${first} until the per-developer budget stops them (same team key as ${second}):`);
  let refused: { status: number; body: string } | undefined;
  for (let n = 1; n <= MAX_REQUESTS && !refused; n++) {
    const answer = await send(settings[first]);
    if (answer.status === 200) continue;
    if (answer.status !== 412) throw new Error(`request ${n} as ${first} was answered ${answer.status}, not 200 or 412: ${answer.body.slice(0, 300)}`);
    refused = answer;
    say(`  requests 1–${n - 1}: 200; request ${n}: 412 ${(JSON.parse(answer.body) as { error?: { message?: string } }).error?.message ?? ""}`);
  }
  if (!refused) throw new Error(`${first} sent ${MAX_REQUESTS} requests and was never stopped: the per-developer budget does not bite.`);
  const other = await send(settings[second]);
  say(`  ${second}, same key, next request: ${other.status}`);
  if (other.status !== 200) throw new Error(`${second} was answered ${other.status} after ${first} reached the budget: the budget stopped the wrong developer.`);

  const reportPath = join(dir, "usage.html");
  const usage = await cli(["usage", "--base-url", adminUrl, "--html", reportPath], dir, { PORTKEY_API_KEY: adminKey });
  say(`\nclaude-vertex-portkey usage --base-url ${adminUrl} --html ${reportPath}`);
  say(indent(usage.output));
  if (usage.code !== 0) throw new Error(`usage exited ${usage.code}.`);
  return { reportPath };
}
