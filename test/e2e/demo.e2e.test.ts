/** The README's first command, run as a user would (after `npm run build`). */
import { spawn } from "node:child_process";
import { join } from "node:path";

jest.setTimeout(120_000);

it("npm run demo deploys the example teams against the emulator and ends with an empty plan", async () => {
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, "../../dist/src/cli/demo.js")], { env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("close", (exit) => resolve({ code: exit ?? -1, output }));
  });
  expect(output).toContain("Apply complete! Resources: 2 added");
  expect(output).toMatch(/payments_workspace = "ws-/);
  expect(output).toContain("Second plan: no changes.");
  expect(code).toBe(0);
});
