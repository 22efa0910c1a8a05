/** State backends: local by default (no absolute path baked in), GCS with a prefix per stack. */
import { isAbsolute, join, resolve } from "node:path";
import { localStatePath } from "../../../stacks/app";
import { EXAMPLE_FILE, exampleFile, synth, writeTeamsFile } from "./support";

describe("backends", () => {
  it("local: one state file per stack, next to the synth folder, by a relative path", () => {
    const app = synth(EXAMPLE_FILE);
    for (const name of Object.keys(app.text)) {
      const path = app.stack(name).terraform.backend.local.path;
      expect(path).toBe(localStatePath(name));
      expect(isAbsolute(path)).toBe(false);
      // Resolved from the stack's working directory it lands beside cdktf.out, outside it.
      expect(resolve(app.outdir, "stacks", name, path)).toBe(join(app.outdir, "..", `terraform.${name}.tfstate`));
      expect(app.text[name]).not.toContain(app.outdir);
    }
  });

  it("gcs: the bucket from the teams file and <prefix>/<stack>", () => {
    const file = exampleFile();
    file.backend = { type: "gcs", bucket: "acme-tf-state", prefix: "claude-code/prod" };
    const app = synth(writeTeamsFile(file));
    for (const name of ["platform", "team-payments"]) {
      expect(app.stack(name).terraform.backend).toEqual({ gcs: { bucket: "acme-tf-state", prefix: `claude-code/prod/${name}` } });
    }
  });

  it("gcs without a prefix uses the default one", () => {
    const file = exampleFile();
    file.backend = { type: "gcs", bucket: "acme-tf-state" };
    expect(synth(writeTeamsFile(file)).stack("team-mobile").terraform.backend.gcs.prefix).toBe("claude-vertex-portkey/team-mobile");
  });
});
