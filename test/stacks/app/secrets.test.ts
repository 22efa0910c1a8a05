/** No secret literal in anything synthesis writes: keys flow only as Terraform references. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { recordSecret } from "../../support/suite-secrets";
import { EXAMPLE_FILE, synth } from "./support";

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

describe("synthesized JSON", () => {
  const ADMIN_KEY = "pk-admin-SECRET-must-not-leak-7f3a";
  const previous = process.env.PORTKEY_API_KEY;
  let files: string[];
  beforeAll(() => {
    recordSecret("admin-key", ADMIN_KEY);
    process.env.PORTKEY_API_KEY = ADMIN_KEY;
    files = [synth(EXAMPLE_FILE, "off").outdir, synth(EXAMPLE_FILE, "real").outdir].flatMap(allFiles).filter((f) => f.endsWith(".json"));
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.PORTKEY_API_KEY;
    else process.env.PORTKEY_API_KEY = previous;
  });

  it("never holds the Portkey admin key, even when PORTKEY_API_KEY is set at synth time", () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect([file, readFileSync(file, "utf8").includes(ADMIN_KEY)]).toEqual([file, false]);
  });

  it("holds no service-account key material and no api_key setting", () => {
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect([file, /BEGIN PRIVATE KEY|"private_key"\s*:\s*"[^$]|"api_key"/.test(text)]).toEqual([file, false]);
    }
  });

  it("passes API keys into settings only as references to the key resource", () => {
    const payments = readFileSync(files.find((f) => f.endsWith(join("team-payments", "cdk.tf.json"))) ?? "", "utf8");
    const settings = JSON.parse(payments).output["settings_claude-code"].value as string;
    expect(settings).toMatch(/portkeyadmin_api_key\.[\w-]+\.key/);
  });
});
