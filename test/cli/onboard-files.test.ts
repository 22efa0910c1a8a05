/**
 * onboard and the file it writes: a symlinked settings file is written through (the link stays
 * a link, dangling or chained too), a read-only file is refused with the path and the fix, a
 * directory, a file in the way of the folder or a symlink loop is a clear error; in every case
 * the user's other settings are kept.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cli, settingsPath, teamSettings, tempDir } from "./support";

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const team = JSON.stringify(teamSettings());
const MINE = { theme: "dark", permissions: { allow: ["Read"] }, env: { EDITOR: "vim" } };

async function onboard(home: string) {
  const result = await cli(["onboard", "-", "--home", home, "--json"], { stdin: team });
  return { result, report: result.json() };
}

function homeWithClaudeDir(): { home: string; path: string } {
  const home = tempDir();
  mkdirSync(join(home, ".claude"), { recursive: true });
  return { home, path: settingsPath(home) };
}

describe("symlinked settings files are written through; the link stays a link", () => {
  it("a link to a file elsewhere (relative target): the target gets the team's keys and keeps the user's", async () => {
    const { home, path } = homeWithClaudeDir();
    const dotfiles = join(home, "dotfiles");
    mkdirSync(dotfiles);
    writeFileSync(join(dotfiles, "claude.json"), JSON.stringify(MINE), { mode: 0o600 });
    symlinkSync("../dotfiles/claude.json", path);
    const { result, report } = await onboard(home);
    expect(result.code).toBe(0);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path)).toBe("../dotfiles/claude.json");
    expect(report.target).toBe(join(dotfiles, "claude.json"));
    expect(readJson(join(dotfiles, "claude.json"))).toMatchObject({ ...MINE, env: { EDITOR: "vim" }, model: "sonnet" });
    expect(readJson(path).env.EDITOR).toBe("vim");
  });

  it("a chain of links, and a dangling link (its target is created, the link kept)", async () => {
    const chained = homeWithClaudeDir();
    const real = join(tempDir("cvp-dotfiles-"), "real.json");
    writeFileSync(real, JSON.stringify(MINE), { mode: 0o600 });
    const middle = join(dirname(real), "middle.json");
    symlinkSync(real, middle);
    symlinkSync(middle, chained.path);
    expect((await onboard(chained.home)).result.code).toBe(0);
    expect(lstatSync(chained.path).isSymbolicLink() && lstatSync(middle).isSymbolicLink()).toBe(true);
    expect(readJson(real)).toMatchObject({ theme: "dark", model: "sonnet" });

    const dangling = homeWithClaudeDir();
    const target = join(tempDir("cvp-dotfiles-"), "not-yet.json");
    symlinkSync(target, dangling.path);
    expect((await onboard(dangling.home)).result.code).toBe(0);
    expect(lstatSync(dangling.path).isSymbolicLink()).toBe(true);
    expect(readJson(target)).toEqual(teamSettings());
  });

  it("a symlink loop is an error naming the path, and nothing is written", async () => {
    const { home, path } = homeWithClaudeDir();
    symlinkSync(`${path}.other`, path);
    symlinkSync(path, `${path}.other`);
    const { result, report } = await onboard(home);
    expect(result.code).toBe(1);
    expect(report.error).toContain(`${path} is a symlink chain that never ends in a file`);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
  });
});

describe("paths onboard must not replace", () => {
  it("a read-only settings file is refused with the path and the fix, and stays byte for byte", async () => {
    const { home, path } = homeWithClaudeDir();
    writeFileSync(path, JSON.stringify(MINE));
    chmodSync(path, 0o444);
    const { result, report } = await onboard(home);
    expect(result.code).toBe(1);
    expect(report.error).toContain(`${path} is read-only (mode 0444)`);
    expect(report.error).toContain(`chmod u+w "${path}"`);
    expect(report.written).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(JSON.stringify(MINE));
    expect(statSync(path).mode & 0o777).toBe(0o444);
  });

  it("a read-only file behind a symlink is refused too, naming the real file", async () => {
    const { home, path } = homeWithClaudeDir();
    const real = join(tempDir("cvp-dotfiles-"), "real.json");
    writeFileSync(real, JSON.stringify(MINE));
    chmodSync(real, 0o400);
    symlinkSync(real, path);
    const { result, report } = await onboard(home);
    expect(result.code).toBe(1);
    expect(report.error).toContain(`${real} is read-only (mode 0400)`);
    expect(readFileSync(real, "utf8")).toBe(JSON.stringify(MINE));
  });

  it("a directory where the settings file should be is a clear error, not a crash", async () => {
    const { home, path } = homeWithClaudeDir();
    mkdirSync(path);
    const { result, report } = await onboard(home);
    expect(result.code).toBe(1);
    expect(report.error).toContain(`${path} is a directory, not a settings file`);
    expect(report.error).toContain(`mv "${path}"`);
  });

  it("a file where the .claude folder should be is a clear error naming it", async () => {
    const home = tempDir();
    writeFileSync(join(home, ".claude"), "not a folder");
    const { result, report } = await onboard(home);
    expect(result.code).toBe(1);
    expect(report.error).toContain(`${join(home, ".claude")} is a file, but the settings file needs it to be a folder`);
    expect(readFileSync(join(home, ".claude"), "utf8")).toBe("not a folder");
  });

  it("--dry-run reports the same refusal (it would not be able to write either)", async () => {
    const { home, path } = homeWithClaudeDir();
    mkdirSync(path);
    const result = await cli(["onboard", "-", "--home", home, "--dry-run"], { stdin: team });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is a directory");
    expect(existsSync(join(path, "settings.json"))).toBe(false);
  });
});
