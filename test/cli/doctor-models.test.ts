/**
 * doctor and onboard and the models of the day (the clock pinned to 2026-12-03: Claude Sonnet
 * 4.5 retired on 2026-11-30, Claude Opus 4.5 retires on 2027-01-22): a retired model is a
 * problem unless named with --allow-retired-model, a retiring one a warning; --models-catalogue
 * reads the platform's catalogue file.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ModelCatalogue } from "../../src/constructs/models/catalogue";
import type { ClaudeSettings } from "../../src/constructs/settings";
import { cli, expectNoSecret, settingsPath, teamSettings, tempDir, terraformOutput } from "./support";

const NOW = new Date("2026-12-03T09:00:00Z");
const RETIRED = "claude-sonnet-4-5@20250929";
const RETIRING = "claude-opus-4-5@20251101";
const catalogue = ModelCatalogue.builtIn({ asOf: NOW });

/** Team settings as a stack renders them for these models (a retired one kept as the team's exception). */
const settingsWith = (models: { opus?: string; sonnet?: string; haiku?: string }) =>
  teamSettings({ models: { ...models, default: "sonnet" }, catalogue, allowRetiredModels: [RETIRED] });

function homeWith(settings: ClaudeSettings): string {
  const home = tempDir();
  const path = settingsPath(home);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(settings, null, 2));
  chmodSync(path, 0o600);
  return home;
}

// biome-ignore lint/suspicious/noExplicitAny: the --json document's findings
const findingsOf = (result: { json(): any }) => result.json().findings as { rule: string; severity: string; message: string; fix: string }[];

describe("doctor and retired or retiring models", () => {
  it("flags a retired model as a problem, naming the slot, the date, the replacement and the flag", async () => {
    const home = homeWith(settingsWith({ sonnet: RETIRED }));
    const result = await cli(["doctor", "--home", home, "--json"], { now: NOW });
    expect(result.code).toBe(1);
    expect(findingsOf(result)).toEqual([
      {
        rule: "retired-model",
        severity: "error",
        message: `ANTHROPIC_DEFAULT_SONNET_MODEL: "${RETIRED}" (Claude Sonnet 4.5) was retired on 2026-11-30 (unconfirmed: ${catalogue.find(RETIRED)?.unconfirmed}): requests to it fail.`,
        fix: `Use "claude-sonnet-5-5" (Claude Sonnet 5.5) instead. If your organisation still has access under an exception, pass --allow-retired-model ${RETIRED}.`,
      },
    ]);
    expectNoSecret(result);
  });

  it("accepts it with --allow-retired-model, as a warning", async () => {
    const home = homeWith(settingsWith({ sonnet: RETIRED }));
    const result = await cli(["doctor", "--home", home, "--json", "--allow-retired-model", RETIRED], { now: NOW });
    expect(result.code).toBe(0);
    expect(findingsOf(result)).toEqual([expect.objectContaining({ rule: "retired-model", severity: "warning" })]);
    expect(findingsOf(result)[0].message).toContain("kept because it is named as an exception");
  });

  it("warns about a retiring model (a problem only with --strict)", async () => {
    const home = homeWith(settingsWith({ opus: RETIRING }));
    const result = await cli(["doctor", "--home", home, "--json"], { now: NOW });
    expect(result.code).toBe(0);
    expect(findingsOf(result)).toEqual([expect.objectContaining({ rule: "retiring-model", severity: "warning" })]);
    expect(findingsOf(result)[0].message).toContain(`ANTHROPIC_DEFAULT_OPUS_MODEL: "${RETIRING}" (Claude Opus 4.5) retires on 2027-01-22, in 50 days`);
    expect((await cli(["doctor", "--home", home, "--strict"], { now: NOW })).code).toBe(1);
  });

  it("judges by its clock: the same file a month earlier only warns that Sonnet 4.5 retires", async () => {
    const home = homeWith(settingsWith({ sonnet: RETIRED }));
    const result = await cli(["doctor", "--home", home, "--json"], { now: new Date("2026-11-01T12:00:00Z") });
    expect(result.code).toBe(0);
    expect(findingsOf(result)).toEqual([expect.objectContaining({ rule: "retiring-model", severity: "warning" })]);
    expect(findingsOf(result)[0].message).toContain("retires on 2026-11-30, in 29 days");
  });

  it("says nothing about the models of today", async () => {
    const result = await cli(["doctor", "--home", homeWith(teamSettings()), "--json"], { now: NOW });
    expect(findingsOf(result)).toEqual([]);
  });
});

describe("doctor --models-catalogue", () => {
  const catalogueFile = (content: unknown) => {
    const file = join(tempDir("cvp-catalogue-"), "models.json");
    writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const withOpus6 = () => teamSettings({ models: { opus: "claude-opus-6", default: "sonnet" }, allowUnknownModels: true });

  it("knows a model the platform's catalogue file adds", async () => {
    const home = homeWith(withOpus6());
    const without = await cli(["doctor", "--home", home, "--json"], { now: NOW });
    expect(findingsOf(without)).toEqual([expect.objectContaining({ rule: "bad-model", message: expect.stringContaining('"claude-opus-6" is not a known Vertex Claude model ID') })]);
    const file = catalogueFile({ models: [{ id: "claude-opus-6", family: "opus", name: "Claude Opus 6" }] });
    const withFile = await cli(["doctor", "--home", home, "--json", "--models-catalogue", file], { now: NOW });
    expect(withFile.code).toBe(0);
    expect(findingsOf(withFile)).toEqual([]);
  });

  it("takes a new retirement date from the file", async () => {
    const file = catalogueFile({ models: [{ id: "claude-haiku-5-5", retirement_date: "2026-12-01", source: "test" }] });
    const result = await cli(["doctor", "--home", homeWith(teamSettings()), "--json", "--models-catalogue", file], { now: NOW });
    expect(result.code).toBe(1);
    expect(findingsOf(result)).toEqual([expect.objectContaining({ rule: "retired-model", message: expect.stringContaining('ANTHROPIC_DEFAULT_HAIKU_MODEL: "claude-haiku-5-5" (Claude Haiku 5.5) was retired on 2026-12-01') })]);
  });

  it("refuses a broken catalogue file as a usage error naming the file, the path and the fix", async () => {
    const file = catalogueFile({ models: [{ id: "claude-opus-6" }] });
    const result = await cli(["doctor", "--home", homeWith(teamSettings()), "--models-catalogue", file], { now: NOW });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: models[0]: "claude-opus-6" is not in the built-in catalogue`);
    expect(result.stderr).toContain('Fix: add "family"');
  });
});

describe("onboard and retired models", () => {
  const outputs = (settings: ClaudeSettings) => {
    const file = join(tempDir("cvp-out-"), "outputs.json");
    writeFileSync(file, terraformOutput({ claude_code_settings: settings }), { mode: 0o600 });
    return file;
  };

  it("refuses team settings with a retired model and says how to keep it under an exception", async () => {
    const home = tempDir();
    const result = await cli(["onboard", outputs(settingsWith({ sonnet: RETIRED })), "--home", home], { now: NOW });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain("was retired on 2026-11-30");
    expect(result.stderr).toContain("--allow-retired-model <id>");
  });

  it("writes them with --allow-retired-model", async () => {
    const result = await cli(["onboard", outputs(settingsWith({ sonnet: RETIRED })), "--home", tempDir(), "--allow-retired-model", RETIRED], { now: NOW });
    expect(result.code).toBe(0);
  });
});
