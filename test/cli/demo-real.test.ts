/**
 * `npm run demo -- --real`, without GCP: the checks before anything real changes, the plan of
 * action, and the deployment order, driven through a fake terraform runner.
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../../src/cli/args";
import { parseDemoArgs } from "../../src/cli/demo/args";
import type { TerraformRunner } from "../../src/cli/demo/deploy";
import type { DeveloperCheck } from "../../src/cli/demo/developer";
import { NotReadyError, type RealDeps, realDemo } from "../../src/cli/demo/real";
import { googleCredentials } from "../../src/cli/demo/real-checks";
import { EXAMPLE_FILE, exampleFile, tempDir, writeTeamsFile } from "../stacks/app/support";

const ADMIN_KEY = "pk-admin-real-demo-test-4b1e9f";
const TEAM_SECRET = "pk-team-secret-real-demo-7c2d";
const TEAMS = ["team-payments", "team-data-science", "team-mobile"];

interface Call {
  readonly cwd: string;
  readonly stack: string;
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
}

/** A terraform that answers after a few ms, logging when each command starts and ends. */
function fakeTerraform(fail?: { stack: string; command: string }) {
  const calls: Call[] = [];
  const events: string[] = [];
  const runner: TerraformRunner = async (cwd, args, env) => {
    const stack = cwd.split("/").pop() as string;
    calls.push({ cwd, stack, args, env });
    events.push(`start ${stack} ${args[0]}`);
    // The failing command fails at once, while its siblings are still running.
    if (fail && fail.stack === stack && fail.command === args[0]) return { code: 1, output: `Error: ${stack} says no` };
    await new Promise((resolve) => setTimeout(resolve, 15));
    events.push(`end ${stack} ${args[0]}`);
    if (args[0] === "apply") return { code: 0, output: "Apply complete! Resources: 3 added, 0 changed, 0 destroyed." };
    if (args[0] === "output") {
      const outputs =
        stack === "platform"
          ? { allowed_models: { value: ["claude-opus-4-6"], sensitive: false }, service_account_email: { value: "portkey-vertex@my-real-project.iam.gserviceaccount.com", sensitive: false } }
          : { summary: { value: { team: stack }, sensitive: false }, "settings_claude-code": { value: { env: { ANTHROPIC_AUTH_TOKEN: TEAM_SECRET } }, sensitive: true } };
      return { code: 0, output: JSON.stringify(outputs) };
    }
    return { code: 0, output: "Terraform has been successfully initialized!" };
  };
  return { runner, calls, events };
}

/** A machine ready for --real: a real-looking teams file, the admin key, a key file, terraform on PATH. */
function readyMachine() {
  const dir = tempDir("demo-real-");
  const file = exampleFile();
  file.gcp.project_id = "my-real-project";
  const teamsFile = writeTeamsFile(file);
  const keyFile = join(dir, "credentials.json");
  writeFileSync(keyFile, "{}");
  const terraform = join(dir, "terraform");
  writeFileSync(terraform, "#!/bin/sh\nexit 99\n");
  chmodSync(terraform, 0o755);
  const env: Record<string, string | undefined> = { TEAMS_FILE: teamsFile, PORTKEY_API_KEY: ADMIN_KEY, GOOGLE_APPLICATION_CREDENTIALS: keyFile, PATH: dir };
  return { dir, env, outdir: join(dir, "cdktf.out") };
}

function harness(env: Record<string, string | undefined>, dir: string, overrides: Partial<RealDeps> = {}) {
  const fake = fakeTerraform();
  const lines: string[] = [];
  const developer: DeveloperCheck[] = [];
  const deps: RealDeps = {
    env,
    cwd: dir,
    homeDir: join(dir, "home"),
    say: (line = "") => lines.push(line),
    runner: fake.runner,
    checkDeveloper: async (check) => {
      developer.push(check);
      return { settingsFile: join(dir, "home", ".claude", "settings.json") };
    },
    ...overrides,
  };
  return { deps, fake, developer, output: () => lines.join("\n") };
}

describe("npm run demo -- --real: before anything real changes", () => {
  it("refuses the example teams file's placeholder project, before synthesizing", async () => {
    const { dir, env, outdir } = readyMachine();
    const { deps, fake } = harness({ ...env, TEAMS_FILE: EXAMPLE_FILE }, dir);
    await expect(realDemo({ yes: true, outdir }, deps)).rejects.toThrow(/gcp\.project_id "acme-claude-prod", the example's placeholder[\s\S]*Fix: cp stacks\/teams\.example\.json stacks\/teams\.json/);
    expect(fake.calls).toEqual([]);
    expect(existsSync(outdir)).toBe(false);
  });

  it("names PORTKEY_API_KEY and where to get it when it is missing, even with --yes", async () => {
    const { dir, env, outdir } = readyMachine();
    const { deps, fake } = harness({ ...env, PORTKEY_API_KEY: undefined }, dir);
    const run = realDemo({ yes: true, outdir }, deps);
    await expect(run).rejects.toThrow(NotReadyError);
    await expect(run).rejects.toThrow(/PORTKEY_API_KEY is not set[\s\S]*Admin settings → API keys/);
    expect(fake.calls).toEqual([]);
  });

  it("refuses a PORTKEY_API_KEY with a Windows line end before terraform runs, never printing the key", async () => {
    const { dir, env, outdir } = readyMachine();
    const { deps, fake } = harness({ ...env, PORTKEY_API_KEY: `${ADMIN_KEY}\r\n` }, dir);
    const error = (await realDemo({ yes: true, outdir }, deps).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(NotReadyError);
    expect(error.message).toContain("PORTKEY_API_KEY ends with a line break (CR LF, a Windows line end), which cannot be sent in an HTTP header");
    expect(error.message).not.toContain(ADMIN_KEY);
    expect(fake.calls).toEqual([]);
  });

  it("names the Google credentials it looked for when there are none", async () => {
    const { dir, env, outdir } = readyMachine();
    const { deps, fake } = harness({ ...env, GOOGLE_APPLICATION_CREDENTIALS: undefined }, dir);
    const run = realDemo({ yes: true, outdir }, deps);
    await expect(run).rejects.toThrow(/No Google credentials: none of GOOGLE_CREDENTIALS, GOOGLE_OAUTH_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS/);
    await expect(run).rejects.toThrow(/gcloud auth application-default login/);
    expect(fake.calls).toEqual([]);
  });

  it("lists every missing input at once, terraform on PATH included", async () => {
    const { dir, env, outdir } = readyMachine();
    const { deps } = harness({ TEAMS_FILE: env.TEAMS_FILE, PATH: join(dir, "nowhere") }, dir);
    const error = (await realDemo({ yes: true, outdir }, deps).catch((e: Error) => e)) as Error;
    expect(error.message).toContain("PORTKEY_API_KEY is not set");
    expect(error.message).toContain("No Google credentials");
    expect(error.message).toContain("terraform is not on PATH");
  });

  it("finds credentials the way the google provider does, and reports names and paths, never contents", () => {
    const dir = tempDir("demo-real-adc-");
    expect(googleCredentials({ GOOGLE_CREDENTIALS: '{"private_key":"x"}' }, dir)).toEqual({ source: "GOOGLE_CREDENTIALS (set)" });
    expect(googleCredentials({ GOOGLE_APPLICATION_CREDENTIALS: join(dir, "missing.json") }, dir)).toEqual({ problem: expect.stringContaining(`GOOGLE_APPLICATION_CREDENTIALS is set to ${join(dir, "missing.json")}, which is not a file`) });
    expect(googleCredentials({}, dir)).toEqual({ problem: expect.stringContaining(join(dir, ".config", "gcloud", "application_default_credentials.json")) });
    writeFileSync(join(dir, "application_default_credentials.json"), "{}");
    expect(googleCredentials({ CLOUDSDK_CONFIG: dir }, "/nonexistent")).toEqual({ source: `Application Default Credentials (${join(dir, "application_default_credentials.json")})` });
  });

  it("without --yes prints the plan of action (stacks, resource counts) and exits 1 without running terraform", async () => {
    const { dir, env, outdir } = readyMachine();
    const { deps, fake, output } = harness(env, dir);
    expect(await realDemo({ yes: false, outdir }, deps)).toBe(1);
    expect(fake.calls).toEqual([]);
    const platform = JSON.parse(readFileSync(join(outdir, "stacks", "platform", "cdk.tf.json"), "utf8")) as { resource: Record<string, object> };
    const count = Object.values(platform.resource).reduce((n, items) => n + Object.keys(items).length, 0);
    expect(output()).toContain("GCP project:  my-real-project");
    expect(output()).toMatch(new RegExp(`platform: ${count} resources \\(providers: .*google.*\\): .*google_service_account ×1`));
    for (const team of TEAMS) expect(output()).toMatch(new RegExp(`${team}: \\d+ resources`));
    expect(output()).toContain(`state:        local, ${join(dir, "terraform.<stack>.tfstate")}`);
    expect(output()).toContain("npx cdktf deploy platform --skip-provider-lock");
    expect(output()).toContain("Nothing was changed: run again with --yes");
    expect(output()).not.toContain(ADMIN_KEY);
  });

  it("asks on a terminal, and anything but yes changes nothing", async () => {
    const { dir, env, outdir } = readyMachine();
    const questions: string[] = [];
    const { deps, fake, output } = harness(env, dir, {
      confirm: async (question) => {
        questions.push(question);
        return false;
      },
    });
    expect(await realDemo({ yes: false, outdir }, deps)).toBe(1);
    expect(questions[0]).toContain("GCP project my-real-project");
    expect(output()).toContain("Not confirmed: nothing was changed.");
    expect(fake.calls).toEqual([]);
  });
});

describe("npm run demo -- --real --yes, with a fake terraform", () => {
  it("applies platform first, then the teams in parallel, in their own folders, the admin key only in the environment", async () => {
    const { dir, env, outdir } = readyMachine();
    const { deps, fake, developer, output } = harness(env, dir);
    expect(await realDemo({ yes: true, outdir }, deps)).toBe(0);

    const commands = fake.calls.map((c) => `${c.stack} ${c.args[0]}`);
    expect(commands.slice(0, 3)).toEqual(["platform init", "platform apply", "platform output"]);
    for (const team of TEAMS) expect(commands.filter((c) => c.startsWith(`${team} `))).toEqual([`${team} init`, `${team} apply`, `${team} output`]);
    expect(commands).toHaveLength(3 + 3 * TEAMS.length);
    // Parallel: every team's init starts before the first team command ends.
    const firstTeamEnd = fake.events.findIndex((e) => /^end team-/.test(e));
    for (const team of TEAMS) expect(fake.events.indexOf(`start ${team} init`)).toBeLessThan(firstTeamEnd);
    expect(fake.events.indexOf("end platform output")).toBeLessThan(fake.events.findIndex((e) => /^start team-/.test(e)));

    for (const call of fake.calls) {
      expect(call.cwd).toBe(join(outdir, "stacks", call.stack));
      expect(call.env.PORTKEY_API_KEY).toBe(ADMIN_KEY);
      expect(call.env.CHECKPOINT_DISABLE).toBe("1");
      expect(call.args.join(" ")).not.toContain(ADMIN_KEY);
    }
    expect(fake.calls.filter((c) => c.args[0] !== "output").every((c) => c.args.includes("-input=false"))).toBe(true);
    expect(fake.calls.find((c) => c.args[0] === "apply")?.args).toContain("-auto-approve");

    // Outputs: everything to an owner-only file; only the non-sensitive ones printed.
    const outputsFile = join(outdir, "outputs.json");
    expect(statSync(outputsFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(outputsFile, "utf8"))["team-payments"]["settings_claude-code"].env.ANTHROPIC_AUTH_TOKEN).toBe(TEAM_SECRET);
    expect(output()).toContain('service_account_email = "portkey-vertex@my-real-project.iam.gserviceaccount.com"');
    expect(output()).not.toContain(TEAM_SECRET);
    expect(output()).not.toContain(ADMIN_KEY);

    expect(output()).toMatch(/Model Garden[\s\S]*models: {2}claude-opus-4-6[\s\S]*regions: global, us-east5, europe-west1/);
    expect(developer).toEqual([expect.objectContaining({ outputsFile, stack: "team-payments", output: "settings_claude-code" })]);
    expect(output()).toContain("Real deployment complete.");
  });

  it("stops at a failed platform apply, naming the stack, and never starts a team", async () => {
    const { dir, env, outdir } = readyMachine();
    const fake = fakeTerraform({ stack: "platform", command: "apply" });
    const { deps, developer } = harness(env, dir, { runner: fake.runner });
    await expect(realDemo({ yes: true, outdir }, deps)).rejects.toThrow(/terraform apply \(platform\) failed \(exit 1\):\nError: platform says no[\s\S]*Not applied because of it: team-payments, team-data-science, team-mobile\./);
    expect(fake.calls.map((c) => `${c.stack} ${c.args[0]}`)).toEqual(["platform init", "platform apply"]);
    expect(developer).toEqual([]);
    expect(existsSync(join(outdir, "outputs.json"))).toBe(false);
  });

  it("stops at a failed team init: the other teams start no further step, and the failure names the team", async () => {
    const { dir, env, outdir } = readyMachine();
    const fake = fakeTerraform({ stack: "team-data-science", command: "init" });
    const { deps, developer } = harness(env, dir, { runner: fake.runner });
    await expect(realDemo({ yes: true, outdir }, deps)).rejects.toThrow(/terraform init \(team-data-science\) failed[\s\S]*Not applied because of it: team-payments, team-mobile\./);
    expect(fake.calls.filter((c) => c.stack.startsWith("team-")).map((c) => c.args[0])).toEqual(["init", "init", "init"]);
    expect(developer).toEqual([]);
  });
});

describe("npm run demo options", () => {
  it("takes --yes and --outdir only with --real, and nothing unknown", () => {
    expect(parseDemoArgs(["--real", "--yes", "--outdir", "out"])).toEqual({ help: false, real: true, yes: true, outdir: "out" });
    expect(() => parseDemoArgs(["--yes"])).toThrow(UsageError);
    expect(() => parseDemoArgs(["--real", "--print"])).toThrow(UsageError);
  });
});
