/**
 * `claude-vertex-portkey doctor`: every pitfall of claude-code-gateway.md found in a real
 * settings file (one test each), with its fix; exit codes. How layers and the shell combine:
 * doctor-layers.test.ts.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ClaudeSettings } from "../../src/constructs/settings";
import { cli, expectNoSecret, settingsPath, TEAM_KEY, teamSettings, tempDir } from "./support";

const good = teamSettings();
const goodEnv = good.env ?? {};
const HEADERS = goodEnv.ANTHROPIC_CUSTOM_HEADERS;

function homeWith(content: ClaudeSettings | string, mode = 0o600): string {
  const home = tempDir();
  const path = settingsPath(home);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  chmodSync(path, mode);
  return home;
}

const withEnv = (env: Record<string, string>, drop: string[] = []): ClaudeSettings => {
  const merged: Record<string, string> = { ...goodEnv, ...env };
  for (const name of drop) delete merged[name];
  return { ...good, env: merged };
};

it("passes an onboarded file: exit 0, no findings", async () => {
  const result = await cli(["doctor", "--home", homeWith(good)]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("✓ settings: no problems found");
  expectNoSecret(result);
});

interface Pitfall {
  readonly rule: string;
  readonly severity: "error" | "warning";
  /** The settings file content (object or raw text). */
  readonly file: ClaudeSettings | string;
  readonly mode?: number;
}

const pitfalls: Pitfall[] = [
  { rule: "base-url-v1", severity: "error", file: withEnv({ ANTHROPIC_BASE_URL: "https://api.portkey.ai/v1" }) },
  { rule: "bad-base-url", severity: "error", file: withEnv({ ANTHROPIC_BASE_URL: "api.portkey.ai" }) },
  { rule: "bad-base-url", severity: "error", file: withEnv({ ANTHROPIC_BASE_URL: "http://gateway.internal.example.com" }) },
  { rule: "bad-credential", severity: "error", file: withEnv({ ANTHROPIC_AUTH_TOKEN: `${TEAM_KEY}\r\n` }) },
  { rule: "vertex-flag-in-slug-mode", severity: "error", file: withEnv({ CLAUDE_CODE_USE_VERTEX: "1" }) },
  { rule: "custom-headers-literal-newline", severity: "error", file: withEnv({ ANTHROPIC_CUSTOM_HEADERS: "x-portkey-trace-id: t1\\nx-portkey-provider: @vertex-team-a" }) },
  { rule: "bad-custom-header", severity: "error", file: withEnv({ ANTHROPIC_CUSTOM_HEADERS: `${HEADERS}\nthis is not a header` }) },
  { rule: "secret-in-custom-headers", severity: "error", file: withEnv({ ANTHROPIC_CUSTOM_HEADERS: `${HEADERS}\nx-portkey-api-key: ${TEAM_KEY}` }) },
  { rule: "no-routing-header", severity: "error", file: withEnv({ ANTHROPIC_CUSTOM_HEADERS: "x-portkey-trace-id: t1" }) },
  { rule: "provider-without-at", severity: "error", file: withEnv({ ANTHROPIC_CUSTOM_HEADERS: "x-portkey-provider: vertex-team-a" }) },
  {
    rule: "anthropic-beta-forwarded",
    severity: "error",
    file: withEnv({ ANTHROPIC_CUSTOM_HEADERS: `x-portkey-config: ${JSON.stringify({ provider: "@vertex-team-a", forward_headers: ["anthropic-beta"] })}` }),
  },
  {
    rule: "fallback-mixes-vertex-and-anthropic",
    severity: "warning",
    file: withEnv({ ANTHROPIC_CUSTOM_HEADERS: `x-portkey-config: ${JSON.stringify({ strategy: { mode: "fallback" }, targets: [{ provider: "vertex-ai" }, { provider: "anthropic" }] })}` }),
  },
  { rule: "bad-metadata", severity: "error", file: withEnv({ ANTHROPIC_CUSTOM_HEADERS: `${HEADERS}\nx-portkey-metadata: {"team": 42}` }) },
  { rule: "helper-beside-token", severity: "error", file: { ...good, apiKeyHelper: "gcloud secrets versions access latest --secret=team-a" } },
  { rule: "no-credential", severity: "error", file: withEnv({}, ["ANTHROPIC_AUTH_TOKEN"]) },
  { rule: "bad-model", severity: "error", file: withEnv({ ANTHROPIC_DEFAULT_SONNET_MODEL: "claude-sonnet-4-5-20250929" }) },
  { rule: "model-slot-unset", severity: "warning", file: withEnv({}, ["ANTHROPIC_DEFAULT_HAIKU_MODEL"]) },
  { rule: "model-unset", severity: "warning", file: { env: goodEnv } },
  {
    rule: "legacy-vertex-mode",
    severity: "warning",
    file: {
      model: "sonnet",
      env: {
        CLAUDE_CODE_USE_VERTEX: "1",
        CLAUDE_CODE_SKIP_VERTEX_AUTH: "1",
        ANTHROPIC_VERTEX_BASE_URL: "https://api.portkey.ai/v1",
        ANTHROPIC_VERTEX_PROJECT_ID: "p",
        CLOUD_ML_REGION: "us-east5",
        ANTHROPIC_CUSTOM_HEADERS: "x-portkey-virtual-key: vk",
        ANTHROPIC_DEFAULT_OPUS_MODEL: "claude-opus-4-6",
        ANTHROPIC_DEFAULT_SONNET_MODEL: "claude-sonnet-4-6",
        ANTHROPIC_DEFAULT_HAIKU_MODEL: "claude-haiku-4-5@20251001",
      },
    },
  },
  { rule: "settings-corrupt", severity: "error", file: '{ "env": { "ANTHROPIC_BASE_URL": "https://api.portkey.ai", } }' },
  { rule: "env-not-string", severity: "error", file: JSON.stringify({ ...good, env: { ...goodEnv, CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: 1 } }) },
  { rule: "settings-readable-by-others", severity: "warning", file: good, mode: 0o644 },
];

describe.each(pitfalls)("pitfall $rule", ({ rule, severity, file, mode }) => {
  it(`is reported as ${severity === "error" ? "an error (exit 1)" : "a warning (exit 0)"}, with a fix, and no key in the output`, async () => {
    const home = homeWith(file, mode);
    const json = await cli(["doctor", "--home", home, "--json"]);
    const finding = json.json().findings.find((f: { rule: string }) => f.rule === rule);
    expect(finding).toMatchObject({ rule, severity, fix: expect.any(String) });
    expect(json.code).toBe(severity === "error" ? 1 : 0);

    const human = await cli(["doctor", "--home", home]);
    expect(human.stdout).toContain(`[${rule}]`);
    expect(human.stdout).toContain(`fix: ${finding.fix}`);
    expectNoSecret(human);
    expectNoSecret(json);
  });
});

describe("a key or base URL damaged on its way into the settings", () => {
  it("names the variable and the character class of a key with a Windows line end, never the key, and skips the probe", async () => {
    const result = await cli(["doctor", "--home", homeWith(withEnv({ ANTHROPIC_AUTH_TOKEN: `${TEAM_KEY}\r\n` })), "--probe"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("ANTHROPIC_AUTH_TOKEN ends with a line break (CR LF, a Windows line end), which cannot be sent in an HTTP header, so every request Claude Code sends with it fails.");
    expect(result.stdout).toContain("✗ probe skipped: ANTHROPIC_AUTH_TOKEN ends with a line break");
    expectNoSecret(result);
  });

  it("masks the password of a base URL with user:password@", async () => {
    const result = await cli(["doctor", "--home", homeWith(withEnv({ ANTHROPIC_BASE_URL: "https://ops:hunter2-doctor@api.portkey.ai" }))]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ANTHROPIC_BASE_URL "https://***@api.portkey.ai" carries a user name or password');
    expect(result.stdout).not.toContain("hunter2");
  });
});

it("reports a missing settings file and says to onboard", async () => {
  const result = await cli(["doctor", "--home", tempDir()]);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain("[settings-missing]");
  expect(result.stdout).toContain("claude-vertex-portkey onboard");
});

describe("exit codes and options", () => {
  it("--strict makes warnings count", async () => {
    const home = homeWith(withEnv({}, ["ANTHROPIC_DEFAULT_HAIKU_MODEL"]));
    expect((await cli(["doctor", "--home", home])).code).toBe(0);
    expect((await cli(["doctor", "--home", home, "--strict"])).code).toBe(1);
  });

  it("--settings adds a command-line layer, as Claude Code's --settings: its values are checked", async () => {
    const home = homeWith(withEnv({ ANTHROPIC_BASE_URL: "https://api.portkey.ai/v1" }));
    const result = await cli(["doctor", "--home", tempDir(), "--settings", settingsPath(home), "--json"]);
    expect(result.json().layers[1]).toMatchObject({ source: "flag", path: settingsPath(home), state: "present" });
    expect(result.json().findings.map((f: { rule: string }) => f.rule)).toContain("base-url-v1");
    expect(result.code).toBe(1);
  });

  it("answers usage errors with exit 2 and the command's help hint", async () => {
    const unknown = await cli(["doctor", "--bogus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("doctor --help");
    expect((await cli(["doctor", "--timeout-ms", "soon", "--home", tempDir()])).code).toBe(2);
    expect((await cli(["frobnicate"])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });

  it("documents pitfalls, options and exit codes in --help", async () => {
    const top = await cli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("onboard");
    const help = await cli(["doctor", "--help"]);
    expect(help.stdout).toContain("--probe");
    expect(help.stdout).toContain("Exit codes: 0");
  });
});
