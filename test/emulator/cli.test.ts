/**
 * The `portkey-emulator` command: bundled with esbuild (as `npm run build` would compile it),
 * started as a child process, used, and stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { removeTestDir, testDir } from "../support/run-root";

let dir: string;
let bundle: string;

beforeAll(() => {
  dir = testDir("emulator-cli-");
  bundle = join(dir, "emulator-main.js");
  buildSync({ entryPoints: [join(__dirname, "../../src/cli/emulator-main.ts")], bundle: true, platform: "node", target: "node20", outfile: bundle, logLevel: "silent" });
});
afterAll(() => removeTestDir(dir));

function run(args: string[], env: Record<string, string> = {}): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [bundle, ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) resolve(stdout.split("\n")[0]);
    });
    child.on("exit", () => reject(new Error(`exited before ready: ${stderr}`)));
  });
  firstLine.catch(() => undefined); // callers that only await `exit` must not leave a rejection unhandled
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
  return { child, firstLine, exit };
}

it("prints one ready line with the URL, serves the admin key from the environment, and stops on SIGTERM", async () => {
  const key = "env-admin-key-abcdef";
  const { child, firstLine, exit } = run(["--port", "0", "--latency-ms", "1"], { PORTKEY_EMULATOR_ADMIN_KEY: key });
  const line = await firstLine;
  expect(line).toMatch(/^Portkey emulator ready at http:\/\/127\.0\.0\.1:\d+ \(Admin API http:\/\/127\.0\.0\.1:\d+\/v1; admin key en\*\*\*\*\*ef\)$/);
  const url = /at (http:\/\/\S+) /.exec(line)?.[1];
  const response = await fetch(`${url}/v1/admin/workspaces`, { headers: { "x-portkey-api-key": key } });
  expect(await response.json()).toEqual({ object: "list", total: 0, data: [] });
  child.kill("SIGTERM");
  expect((await exit).code).toBe(0);
});

it("generates an admin key when none is given and prints it only with --print-key", async () => {
  const masked = run([]);
  expect(await masked.firstLine).toMatch(/admin key pk\*\*\*\*\*.. \(generated\)\)$/);
  masked.child.kill("SIGINT");
  expect((await masked.exit).code).toBe(0);

  const shown = run(["--print-key"]);
  const key = /admin key (pk-admin-[A-Za-z0-9_-]+) \(generated\)/.exec(await shown.firstLine)?.[1];
  const url = /at (http:\/\/\S+) /.exec(await shown.firstLine)?.[1];
  expect((await fetch(`${url}/_emulator/counts`, { headers: { "x-portkey-api-key": key ?? "" } })).status).toBe(200);
  shown.child.kill("SIGTERM");
  await shown.exit;
});

it("exits 2 naming the flag and field for a bad --faults file or --port", async () => {
  const faults = join(dir, "faults.json");
  writeFileSync(faults, JSON.stringify({ rules: [{ path: "/v1/configs", fault: { kind: "status", status: 200 } }] }));
  const badFaults = await run(["--faults", faults]).exit;
  expect(badFaults.code).toBe(2);
  expect(badFaults.stderr).toContain("--faults");
  expect(badFaults.stderr).toContain("rules.0.fault.status");
  const badPort = await run(["--port", "http"]).exit;
  expect(badPort).toEqual({ code: 2, stderr: expect.stringContaining("--port: expected an integer") });
});
