/**
 * Who is sending (issue 15, item 1): onboard stamps the developer into the team's
 * x-portkey-metadata header as _user — from --user, else the name a previous onboard wrote,
 * else git's user.email, else the OS user — so two developers on one team key are counted apart
 * by a per-developer budget; a managed file names nobody; doctor says when requests name nobody.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { metadataOf } from "../../src/cli/onboard/identity";
import { renderSettings } from "../../src/constructs/settings";
import { seedTeam, useEmulator } from "../emulator/harness";
import { ask } from "../emulator/limits-helpers";
import { cli, settingsPath, TEAM_INPUT, tempDir, terraformOutput } from "./support";

/** The team's settings as the stacks render them: no _user. */
const rendered = (input: Partial<Parameters<typeof renderSettings>[0]> = {}) => renderSettings({ ...TEAM_INPUT, metadata: { team: "team-a" }, ...input }).settings;

function outputsFile(settings = rendered()): string {
  const file = join(tempDir("cvp-outputs-"), "outputs.json");
  writeFileSync(file, terraformOutput({ settings_claude_code: settings }), { mode: 0o600 });
  return file;
}

const metadataIn = (home: string) => metadataOf(JSON.parse(readFileSync(settingsPath(home), "utf8")).env.ANTHROPIC_CUSTOM_HEADERS);

describe("onboard names the developer", () => {
  it("stamps --user as _user beside the team's metadata and says so", async () => {
    const home = tempDir();
    const result = await cli(["onboard", outputsFile(), "--home", home, "--user", "ana@example.com"]);
    expect(result.code).toBe(0);
    expect(metadataIn(home)).toEqual({ team: "team-a", _user: "ana@example.com" });
    expect(result.stdout).toContain('developer "ana@example.com" (--user): sent as _user in x-portkey-metadata');
    expect(result.stdout).toContain('requests name you as "ana@example.com"');
  });

  it("keeps the name on re-onboarding, whoever the shell says it is now", async () => {
    const home = tempDir();
    expect((await cli(["onboard", outputsFile(), "--home", home, "--user", "ana@example.com"])).code).toBe(0);
    const again = await cli(["onboard", outputsFile(rendered({ metadata: { team: "team-a", cost_center: "42" } })), "--home", home], { env: { USER: "someone-else" } });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("kept from your settings");
    expect(metadataIn(home)).toEqual({ team: "team-a", cost_center: "42", _user: "ana@example.com" });
  });

  it("takes git's user.email before the OS user, and the OS user when git has none", async () => {
    const gitHome = tempDir("cvp-git-home-");
    writeFileSync(join(gitHome, ".gitconfig"), "[user]\n\temail = grace@example.com\n");
    const withGit = tempDir();
    const env = { HOME: gitHome, GIT_CONFIG_NOSYSTEM: "1", USER: "grace-os" };
    const first = await cli(["onboard", outputsFile(), "--home", withGit], { env, cwd: gitHome });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("(git config user.email)");
    expect(metadataIn(withGit)?._user).toBe("grace@example.com");

    const noGitHome = tempDir("cvp-nogit-home-");
    const withoutGit = tempDir();
    const second = await cli(["onboard", outputsFile(), "--home", withoutGit], { env: { HOME: noGitHome, GIT_CONFIG_NOSYSTEM: "1", USER: "grace-os" }, cwd: noGitHome });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("(your OS user name)");
    expect(metadataIn(withoutGit)?._user).toBe("grace-os");
  });

  it.each([
    ["longer than Portkey takes", "a".repeat(129), "129 characters long"],
    ["with a control character", "ana\u0007@example.com", "control character"],
    ["empty", "", "is empty"],
  ])("refuses a --user %s, naming --user, and writes nothing", async (_what, user, reason) => {
    const home = tempDir();
    const result = await cli(["onboard", outputsFile(), "--home", home, "--user", user]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--user");
    expect(result.stderr).toContain(reason);
    expect(() => readFileSync(settingsPath(home))).toThrow();
  });

  it("warns and writes without a name when none is known", async () => {
    const home = tempDir();
    const empty = tempDir("cvp-nogit-home-");
    const result = await cli(["onboard", outputsFile(), "--home", home, "--json"], { env: { USER: "", HOME: empty, GIT_CONFIG_NOSYSTEM: "1" }, cwd: empty });
    expect(result.code).toBe(0);
    expect(result.json().warnings.map((w: { rule: string }) => w.rule)).toContain("no-developer-identity");
    expect(metadataIn(home)?._user).toBeUndefined();
  });

  it("names the developer in api-key-helper mode too", async () => {
    const home = tempDir();
    const helper = rendered({ mode: "api-key-helper", apiKey: undefined, apiKeyHelper: "cat /run/secrets/portkey" });
    expect((await cli(["onboard", outputsFile(helper), "--home", home, "--user", "ana@example.com"])).code).toBe(0);
    expect(metadataIn(home)).toEqual({ team: "team-a", _user: "ana@example.com" });
  });

  it("names the developer in legacy-vertex mode too (the metadata header added)", async () => {
    const home = tempDir();
    const legacy = rendered({ mode: "legacy-vertex", legacy: { vertexProjectId: "acme", vertexRegion: "us-east5", virtualKey: "vk-team-a" } });
    const result = await cli(["onboard", outputsFile(legacy), "--home", home, "--user", "ana@example.com"]);
    expect(result.code).toBe(0);
    expect(metadataIn(home)).toEqual({ _user: "ana@example.com" });
  });

  it("writes a managed file naming nobody, says why, and refuses --user there", async () => {
    const dir = tempDir("cvp-managed-");
    const managed = join(dir, "managed-settings.json");
    const result = await cli(["onboard", outputsFile(rendered({ metadata: { team: "team-a", _user: "whoever" } })), "--managed", managed, "--json"]);
    expect(result.code).toBe(0);
    expect(result.json().warnings.map((w: { rule: string }) => w.rule)).toContain("managed-names-nobody");
    expect(metadataOf(JSON.parse(readFileSync(managed, "utf8")).env.ANTHROPIC_CUSTOM_HEADERS)).toEqual({ team: "team-a" });
    const refused = await cli(["onboard", outputsFile(), "--managed", managed, "--user", "ana@example.com"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--user does not apply to --managed");
  });
});

describe("doctor and the developer's name", () => {
  it("warns when requests through Portkey name nobody, and not once onboard named the developer", async () => {
    const home = tempDir();
    mkdirSync(join(home, ".claude"), { recursive: true });
    writeFileSync(settingsPath(home), JSON.stringify(rendered()), { mode: 0o600 });
    const before = await cli(["doctor", "--home", home, "--json"]);
    expect(JSON.stringify(before.json())).toContain("no-developer-identity");
    expect((await cli(["onboard", outputsFile(), "--home", home, "--user", "ana@example.com"])).code).toBe(0);
    const after = await cli(["doctor", "--home", home, "--json"]);
    expect(JSON.stringify(after.json())).not.toContain("no-developer-identity");
  });
});

describe("two developers on one team key, through the emulator's gateway", () => {
  const suite = useEmulator();

  it("are counted apart: the one over the per-developer budget is stopped, the other still gets 200", async () => {
    const team = await seedTeam(suite.api);
    const policy = await suite.api("POST", "/v1/policies/usage-limits", {
      name: "per developer",
      conditions: [{ key: "workspace_id", value: team.workspace.slug }],
      group_by: [{ key: "metadata._user" }],
      type: "tokens",
      credit_limit: 1,
    });
    expect(policy.status).toBe(200);
    const outputs = outputsFile(rendered({ gatewayUrl: suite.emulator.url, apiKey: team.key, routing: { providerSlug: team.providerSlug } }));
    const users: Record<string, string> = {};
    for (const user of ["ana@example.com", "grace@example.com"]) {
      const home = tempDir();
      expect((await cli(["onboard", outputs, "--home", home, "--user", user])).code).toBe(0);
      // What Claude Code sends: the metadata header exactly as the developer's settings hold it.
      users[user] = JSON.stringify(metadataIn(home));
    }
    const asUser = (user: string) => ask(suite.emulator, team, { metadata: JSON.parse(users[user]) });
    expect((await asUser("ana@example.com")).status).toBe(200);
    expect((await asUser("ana@example.com")).status).toBe(412);
    expect((await asUser("grace@example.com")).status).toBe(200);
    const entities = (await suite.api("GET", `/v1/policies/usage-limits/${policy.body.id}/entities`)).body.data as { value_key: string }[];
    expect(entities.map((e) => e.value_key).sort()).toEqual(["metadata._user:ana@example.com", "metadata._user:grace@example.com"]);
  });
});
