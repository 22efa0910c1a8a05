/**
 * `usage` (issue 15, item 4): two developers of one team on one key send traffic through the
 * emulator's gateway under a per-developer budget and a team budget; the terminal table, the
 * JSON and the HTML report show each team's budgets and each developer's spend against the
 * limit, and the HTML renders in a real headless browser (Debian's chromium).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ADMIN_KEY, seedTeam, useEmulator } from "../emulator/harness";
import { ask } from "../emulator/limits-helpers";
import { cli, tempDir } from "./support";

const suite = useEmulator();

async function withTraffic() {
  const team = await seedTeam(suite.api, "payments");
  await seedTeam(suite.api, "search");
  const policy = async (name: string, groupBy: string, limit: number) => {
    const created = await suite.api("POST", "/v1/policies/usage-limits", {
      name,
      workspace_id: team.workspace.id,
      conditions: [{ key: "workspace_id", value: team.workspace.slug }],
      group_by: [{ key: groupBy }],
      type: "tokens",
      credit_limit: limit,
      periodic_reset: "monthly",
    });
    expect(created.status).toBe(200);
  };
  // The teams file's `budget` lives on the team's access to the integration.
  const granted = await suite.api("PUT", `/v1/integrations/${team.integration.slug}/workspaces`, {
    workspaces: [{ id: team.workspace.id, enabled: true, usage_limits: [{ type: "cost", credit_limit: 50, periodic_reset: "monthly" }] }],
  });
  expect(granted.status).toBe(200);
  await policy("per developer", "metadata._user", 1);
  await policy("team budget", "workspace_id", 1_000_000);
  await suite.api("POST", "/v1/policies/rate-limits", { name: "rpm", workspace_id: team.workspace.id, conditions: [{ key: "workspace_id", value: team.workspace.slug }], group_by: [{ key: "api_key" }], type: "requests", unit: "rpm", value: 100 });
  expect((await ask(suite.emulator, team, { user: "ana@example.com" })).status).toBe(200);
  expect((await ask(suite.emulator, team, { user: "ana@example.com" })).status).toBe(412);
  expect((await ask(suite.emulator, team, { user: "grace@example.com" })).status).toBe(200);
  return team;
}

const env = () => ({ PORTKEY_API_KEY: ADMIN_KEY, PORTKEY_BASE_URL: suite.emulator.adminUrl });

describe("usage", () => {
  it("prints each team's budgets and each developer's spend against the per-developer limit", async () => {
    await withTraffic();
    const result = await cli(["usage"], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/team payments \(/);
    expect(result.stdout).toMatch(/team search \(/);
    expect(result.stdout).toContain('budget "per developer": tokens, per developer, limit 1 tokens each, resets monthly');
    expect(result.stdout).toMatch(/ana@example\.com\s+\d+ tokens of 1 tokens \(\d+%\)\s+EXHAUSTED/);
    expect(result.stdout).toMatch(/grace@example\.com\s+\d+ tokens of 1 tokens/);
    expect(result.stdout).toContain('rate limit "rpm": 100 requests per minute, per api_key');
    expect(result.stdout).toMatch(/budget "access to vertex-[^"]+": cost, whole team, limit \$50\.00, resets monthly/);
    expect(result.stdout).toContain("not exhausted");
    expect(result.stdout).toContain("Rate-limit hits are not counted");
    expect(result.stderr).toContain("→ team 2 of 2 read");
    expect(result.stdout).not.toContain(ADMIN_KEY);
  });

  it("--json gives scripts the same, developer by developer", async () => {
    await withTraffic();
    const result = await cli(["usage", "--json", "--team", "payments"], { env: env() });
    expect(result.code).toBe(0);
    const report = result.json();
    expect(report.teams.map((t: { workspace: { name: string } }) => t.workspace.name)).toEqual(["payments"]);
    const perDeveloper = report.teams[0].budgets.find((b: { name: string }) => b.name === "per developer");
    expect(perDeveloper).toMatchObject({ perDeveloper: true, type: "tokens", limit: 1, periodicReset: "monthly" });
    const byDeveloper = Object.fromEntries(perDeveloper.counters.map((c: { developer: string; status: string }) => [c.developer, c.status]));
    expect(byDeveloper).toEqual({ "ana@example.com": "exhausted", "grace@example.com": "exhausted" });
  });

  it("names the flag and the fix for bad input, and reads nothing", async () => {
    const noKey = await cli(["usage"], { env: { PORTKEY_BASE_URL: suite.emulator.adminUrl } });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("PORTKEY_API_KEY");
    const badTeam = await cli(["usage", "--team", "nope"], { env: env() });
    expect(badTeam.code).toBe(1);
    expect(badTeam.stderr).toContain("--team nope: no such workspace");
    const badHtml = await cli(["usage", "--html", "/nonexistent-dir/usage.html"], { env: env() });
    expect(badHtml.code).toBe(2);
    expect(badHtml.stderr).toContain("--html");
  });

  it("writes an HTML report that renders in headless chromium with every team and both developers", async () => {
    await withTraffic();
    const file = join(tempDir("cvp-usage-"), "usage.html");
    const result = await cli(["usage", "--html", file], { env: env() });
    expect(result.code).toBe(0);
    expect(readFileSync(file, "utf8")).not.toContain(ADMIN_KEY);
    const browser = chromium();
    if (browser === undefined) {
      if (process.env.CVP_SKIP_BROWSER === "1") return;
      throw new Error("chromium is not installed: `apt-get install -y chromium` (Debian), or set CVP_SKIP_BROWSER=1 to skip this check knowingly.");
    }
    const profile = tempDir("cvp-chromium-");
    const dom = execFileSync(browser, ["--headless", "--no-sandbox", "--disable-gpu", `--user-data-dir=${profile}`, "--dump-dom", `file://${file}`], { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "pipe"] });
    expect(dom).toContain('data-team="payments"');
    expect(dom).toContain('data-team="search"');
    expect(dom).toContain('data-label="ana@example.com"');
    expect(dom).toContain('data-label="grace@example.com"');
    expect(dom).toContain('aria-label="Teams against their budgets"');
    expect((dom.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });
});

function chromium(): string | undefined {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      execFileSync("which", [name], { stdio: "ignore" });
      return name;
    } catch {
      // next
    }
  }
  return undefined;
}
