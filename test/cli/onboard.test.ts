/**
 * `claude-vertex-portkey onboard`: a developer pipes the team's Terraform outputs in and gets a
 * working ~/.claude/settings.json, without losing anything they had.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cli, expectNoSecret, settingsPath, TEAM_KEY, teamSettings, tempDir, terraformOutput } from "./support";

const modeOf = (path: string) => statSync(path).mode & 0o777;
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** Outputs hold the team's key: written owner-only, as the README says. */
function writeOutputs(text: string, mode = 0o600): string {
  const file = join(tempDir("cvp-out-"), "outputs.json");
  writeFileSync(file, text, { mode });
  return file;
}

function seedSettings(home: string, content: string): string {
  const path = settingsPath(home);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, { mode: 0o644 });
  return path;
}

describe("reading the team's outputs", () => {
  it("writes a fresh ~/.claude/settings.json from `terraform output -json`, mode 0600", async () => {
    const home = tempDir();
    const result = await cli(["onboard", writeOutputs(terraformOutput({ claude_code_settings: teamSettings() })), "--home", home]);
    expect(result.code).toBe(0);
    expect(readJson(settingsPath(home))).toEqual(teamSettings());
    expect(modeOf(settingsPath(home))).toBe(0o600);
    expect(result.stdout).toContain(`✓ wrote ${settingsPath(home)} (mode 0600)`);
    expectNoSecret(result);
  });

  it("warns, without failing, when the outputs file holding the key is readable by other users", async () => {
    const exposed = writeOutputs(terraformOutput({ claude_code_settings: teamSettings() }), 0o644);
    const warned = await cli(["onboard", exposed, "--home", tempDir(), "--json"]);
    expect(warned.code).toBe(0);
    expect(JSON.parse(warned.stdout).warnings).toEqual([expect.objectContaining({ rule: "outputs-file-readable", fix: expect.stringContaining(`chmod 600 ${exposed}`) })]);
    expectNoSecret(warned);

    const ownerOnly = writeOutputs(terraformOutput({ claude_code_settings: teamSettings() }));
    const quiet = await cli(["onboard", ownerOnly, "--home", tempDir(), "--json"]);
    expect(JSON.parse(quiet.stdout).warnings).toEqual([]);
  });

  it("reads stdin with -, a bare settings object, cdktf's outputs file and JSON-encoded values", async () => {
    const settings = teamSettings();
    const inputs = [
      JSON.stringify(settings),
      JSON.stringify({ "team-a-stack": { claude_code_settings: settings } }),
      terraformOutput({}).replace("{}", JSON.stringify({ claude_code_settings: { sensitive: true, type: "string", value: JSON.stringify(settings) } })),
    ];
    for (const stdin of inputs) {
      const home = tempDir();
      const result = await cli(["onboard", "-", "--home", home], { stdin });
      expect(result.code).toBe(0);
      expect(readJson(settingsPath(home))).toEqual(settings);
    }
  });

  it("asks for --output when the outputs hold several teams, and uses the one named", async () => {
    const outputs = writeOutputs(terraformOutput({ team_a_settings: teamSettings(), team_b_settings: teamSettings({ routing: { providerSlug: "vertex-team-b" } }) }));
    const home = tempDir();
    const ambiguous = await cli(["onboard", outputs, "--home", home]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("team_a_settings, team_b_settings");
    expect(ambiguous.stderr).toContain("--output <name>");
    expect(existsSync(settingsPath(home))).toBe(false);

    const chosen = await cli(["onboard", outputs, "--home", home, "--output", "team_b_settings"]);
    expect(chosen.code).toBe(0);
    expect(readJson(settingsPath(home)).env.ANTHROPIC_CUSTOM_HEADERS).toContain("x-portkey-provider: @vertex-team-b");
  });

  it("refuses team settings that break a gateway rule and writes nothing", async () => {
    const home = tempDir();
    const broken = teamSettings();
    broken.env = { ...broken.env, ANTHROPIC_BASE_URL: "https://api.portkey.ai/v1" };
    const result = await cli(["onboard", "-", "--home", home], { stdin: JSON.stringify(broken) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("[base-url-v1]");
    expect(result.stderr).toContain("nothing was written");
    expect(existsSync(settingsPath(home))).toBe(false);
    expectNoSecret(result);
  });

  it("names the field when an env value is not a string", async () => {
    const result = await cli(["onboard", "-", "--home", tempDir()], { stdin: JSON.stringify({ env: { CLAUDE_CODE_USE_VERTEX: 1 } }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("env.CLAUDE_CODE_USE_VERTEX");
  });
});

describe("merging with the developer's settings", () => {
  const mine = {
    permissions: { allow: ["Bash(npm test)"] },
    env: { EDITOR_THEME: "dark", CLAUDE_CODE_USE_VERTEX: "1", ANTHROPIC_VERTEX_PROJECT_ID: "old-project", ANTHROPIC_API_KEY: "sk-ant-old-personal-key-123456" },
    apiKeyHelper: "old-helper --print",
    hooks: { PostToolUse: [] },
  };

  it("keeps every other setting and env var, replaces the gateway keys and removes stale ones", async () => {
    const home = tempDir();
    seedSettings(home, JSON.stringify(mine, null, 2));
    const result = await cli(["onboard", "-", "--home", home], { stdin: JSON.stringify(teamSettings()) });
    expect(result.code).toBe(0);
    const written = readJson(settingsPath(home));
    expect(written.permissions).toEqual(mine.permissions);
    expect(written.hooks).toEqual(mine.hooks);
    expect(written.env.EDITOR_THEME).toBe("dark");
    expect(written.env).toMatchObject(teamSettings().env ?? {});
    expect(written.model).toBe("sonnet");
    for (const stale of ["CLAUDE_CODE_USE_VERTEX", "ANTHROPIC_VERTEX_PROJECT_ID", "ANTHROPIC_API_KEY"]) expect(written.env).not.toHaveProperty(stale);
    expect(written).not.toHaveProperty("apiKeyHelper");
    // The developer's keys stay where they were in the file.
    expect(Object.keys(written).slice(0, 4)).toEqual(["permissions", "env", "hooks", "model"]);
    expect(result.stdout).toContain("removed stale: env.CLAUDE_CODE_USE_VERTEX, env.ANTHROPIC_VERTEX_PROJECT_ID, env.ANTHROPIC_API_KEY, apiKeyHelper");
    expectNoSecret(result, mine.env.ANTHROPIC_API_KEY);
  });

  it("backs up the previous file beside it (timestamped, 0600, byte for byte) and writes 0600 atomically", async () => {
    const home = tempDir();
    const previous = `${JSON.stringify(mine, null, 2)}\n`;
    const path = seedSettings(home, previous);
    const result = await cli(["onboard", "-", "--home", home], { stdin: JSON.stringify(teamSettings()) });
    expect(result.code).toBe(0);
    const backup = `${path}.2025-03-04T05-06-07-089Z.bak`;
    expect(readFileSync(backup, "utf8")).toBe(previous);
    expect(modeOf(backup)).toBe(0o600);
    expect(modeOf(path)).toBe(0o600);
    expect(readdirSync(dirname(path)).sort()).toEqual(["settings.json", "settings.json.2025-03-04T05-06-07-089Z.bak"]);
    expect(result.stdout).toContain(`previous file kept as ${backup}`);
  });

  it("is a no-op the second time: no rewrite, no new backup", async () => {
    const home = tempDir();
    await cli(["onboard", "-", "--home", home], { stdin: JSON.stringify(teamSettings()) });
    const again = await cli(["onboard", "-", "--home", home, "--json"], { stdin: JSON.stringify(teamSettings()), now: new Date("2025-03-05T00:00:00Z") });
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ ok: true, written: false, set: [], removed: [] });
    expect(readdirSync(join(home, ".claude"))).toEqual(["settings.json"]);
  });

  it("never overwrites a corrupt file: it stays byte for byte, and the error says where it is and how to fix it", async () => {
    const home = tempDir();
    const corrupt = '{ "permissions": { "allow": ["Bash(ls)"] }, "env": { "A": "1", } ';
    const path = seedSettings(home, corrupt);
    const result = await cli(["onboard", "-", "--home", home], { stdin: JSON.stringify(teamSettings()) });
    expect(result.code).toBe(1);
    expect(readFileSync(path, "utf8")).toBe(corrupt);
    expect(readdirSync(dirname(path))).toEqual(["settings.json"]);
    expect(result.stderr).toContain(`${path} was left untouched: it is not valid JSON`);
    expect(result.stderr).toContain(`mv "${path}" "${path}.broken"`);
  });

  it("names the newest backup when a previously onboarded file got corrupted", async () => {
    const home = tempDir();
    const path = seedSettings(home, "{}");
    await cli(["onboard", "-", "--home", home], { stdin: JSON.stringify(teamSettings()) });
    writeFileSync(path, "{ oops");
    const result = await cli(["onboard", "-", "--home", home, "--json"], { stdin: JSON.stringify(teamSettings()) });
    expect(result.code).toBe(1);
    expect(result.json().error).toContain(`The newest backup is ${path}.2025-03-04T05-06-07-089Z.bak`);
  });

  it("writes through a symlinked settings.json (dotfile managers) instead of replacing the link", async () => {
    const home = tempDir();
    const real = join(tempDir("cvp-dotfiles-"), "claude-settings.json");
    writeFileSync(real, JSON.stringify({ theme: "dark" }));
    mkdirSync(join(home, ".claude"));
    symlinkSync(real, settingsPath(home));
    expect((await cli(["onboard", "-", "--home", home], { stdin: JSON.stringify(teamSettings()) })).code).toBe(0);
    expect(lstatSync(settingsPath(home)).isSymbolicLink()).toBe(true);
    expect(readJson(real)).toMatchObject({ theme: "dark", model: "sonnet" });
  });
});

describe("--dry-run", () => {
  it("prints the change with the key masked and writes nothing", async () => {
    const home = tempDir();
    const before = JSON.stringify({ env: { ANTHROPIC_BASE_URL: "https://old.example.com" } });
    const path = seedSettings(home, before);
    const result = await cli(["onboard", "-", "--home", home, "--dry-run"], { stdin: JSON.stringify(teamSettings()) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('-     "ANTHROPIC_BASE_URL": "https://old.example.com"');
    expect(result.stdout).toContain('+     "ANTHROPIC_BASE_URL": "https://api.portkey.ai"');
    expect(result.stdout).toContain(`"ANTHROPIC_AUTH_TOKEN": "****${TEAM_KEY.slice(-4)}"`);
    expect(result.stdout).toContain("nothing written");
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(readdirSync(dirname(path))).toEqual(["settings.json"]);
    expectNoSecret(result);
  });

  it("masks the key in the --json document too", async () => {
    const home = tempDir();
    const result = await cli(["onboard", "-", "--home", home, "--dry-run", "--json"], { stdin: JSON.stringify(teamSettings()) });
    const report = result.json();
    expect(report).toMatchObject({ ok: true, dryRun: true, written: false, target: settingsPath(home) });
    expect(report.set).toContain("env.ANTHROPIC_AUTH_TOKEN");
    expect(report.diff).toContain("****");
    expect(existsSync(join(home, ".claude"))).toBe(false);
    expectNoSecret(result);
  });
});

describe("other targets", () => {
  it("--project writes <dir>/.claude/settings.json and warns that it is usually committed", async () => {
    const project = tempDir("cvp-project-");
    const result = await cli(["onboard", "-", "--project", project], { stdin: JSON.stringify(teamSettings()) });
    expect(result.code).toBe(0);
    expect(modeOf(join(project, ".claude", "settings.json"))).toBe(0o600);
    expect(result.stdout).toContain("usually committed");
  });

  it("--managed writes a managed-settings.json every user can read (0644)", async () => {
    const managed = join(tempDir("cvp-etc-"), "claude-code", "managed-settings.json");
    const result = await cli(["onboard", "-", "--managed", managed], { stdin: JSON.stringify(teamSettings({ mode: "api-key-helper", apiKey: undefined, apiKeyHelper: "gcloud secrets versions access latest --secret=team-a" })) });
    expect(result.code).toBe(0);
    expect(modeOf(managed)).toBe(0o644);
    expect(readJson(managed).apiKeyHelper).toContain("gcloud secrets");
  });

  it("rejects two targets at once as a usage error (exit 2)", async () => {
    const result = await cli(["onboard", "-", "--home", tempDir(), "--managed", "/tmp/x.json"], { stdin: "{}" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Choose one of --home, --managed");
  });
});

it("documents its options and exit codes in --help", async () => {
  const result = await cli(["onboard", "--help"]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("--dry-run");
  expect(result.stdout).toContain("Exit codes: 0");
});
