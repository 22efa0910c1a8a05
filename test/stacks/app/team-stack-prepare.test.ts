/**
 * TeamStack skips cdktf's preparing resolve (the pass that discovers cross-stack references):
 * the synthesized stacks must be byte-identical to what the full pass writes, and a team stack
 * that was handed another stack's token anyway must not synthesize silently wrong.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { buildApp, TeamStack } from "../../../stacks/app";
import { PortkeyadminIntegration } from "../../../src/constructs/l1/portkeyadmin/integration";
import { loadTeamsFile } from "../../../stacks/config";
import { EXAMPLE_FILE, exampleFile, synth, tempDir, writeTeamsFile } from "./support";

describe("a team stack's synthesis without the preparing resolve", () => {
  it("writes exactly what the full cdktf pass writes, for every stack of the example app", () => {
    const file = writeTeamsFile(exampleFile());
    const fast = synth(file);
    const spy = jest.spyOn(TeamStack.prototype, "prepareStack").mockImplementation(function (this: TeamStack) {
      TerraformStack.prototype.prepareStack.call(this);
    });
    try {
      const full = synth(file);
      expect(spy).toHaveBeenCalled();
      expect(Object.keys(fast.text).filter((name) => name.startsWith("team-")).length).toBeGreaterThan(1);
      expect(fast.text).toEqual(full.text);
    } finally {
      spy.mockRestore();
    }
  });

  it("leaves a token of another stack (which no team stack is given) as a reference Terraform refuses, not a silent value", () => {
    const outdir = join(tempDir("team-prepare-"), "cdktf.out");
    const app = new App({ outdir });
    const built = buildApp(app, loadTeamsFile(EXAMPLE_FILE), { gcp: "off" });
    const team = built.teams[0] as TeamStack;
    const integration = built.platform.node.findAll().find((c) => c instanceof PortkeyadminIntegration) as PortkeyadminIntegration | undefined;
    if (!integration) throw new Error("the example platform has no integration to borrow a token from");
    new TerraformOutput(team, "cross_stack", { value: integration.id });
    app.synth();
    const stack = JSON.parse(readFileSync(join(outdir, "stacks", team.node.id, "cdk.tf.json"), "utf8")) as { output: Record<string, { value: string }>; resource?: Record<string, Record<string, unknown>> };
    // `${portkeyadmin_integration.<id>.id}` naming a resource this stack does not declare: terraform
    // validate and plan stop with "Reference to undeclared resource" before any change.
    const [, type, name] = /^\$\{([a-z_]+)\.([^.]+)\.id\}$/.exec(stack.output.cross_stack?.value ?? "") ?? [];
    expect(type).toBe("portkeyadmin_integration");
    expect(stack.resource?.[type as string]?.[name as string]).toBeUndefined();
  });
});
