/**
 * Objects deleted out of band, with the real terraform: whether Portkey answers 404 or 403 AB03
 * for the missing workspace, a refresh drops it from the state, the plan proposes a re-create,
 * and a destroy of an already-deleted workspace succeeds. (workspace.e2e.test.ts covers the plan
 * after a 403 AB03; this adds the 404 answer, the refresh itself and the destroy.)
 */
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(120_000);

const RESOURCE = "portkeyadmin_workspace.gone";

describe.each([
  { answer: "404 Not Found", status: 404 },
  { answer: "403 AB03 (Portkey's answer for a deleted workspace)", status: 403 },
])("a workspace deleted out of band, the API answering $answer", ({ status }) => {
  let tf: TerraformWorkspace;
  let id = "";

  /** Delete the workspace behind terraform's back; for 404, make the API answer 404 for it from now on. */
  async function deleteOutOfBand(): Promise<void> {
    expect((await tf.admin("DELETE", `/admin/workspaces/${id}`, { name: "gone-team", force_delete: true })).status).toBe(200);
    if (status === 404) {
      tf.emulator.setFaults({ rules: [{ path: `/v1/admin/workspaces/${id}`, fault: { kind: "status", status: 404 } }] });
    }
    expect((await tf.admin("GET", `/admin/workspaces/${id}`)).status).toBe(status);
  }

  const createdId = (output: string) => /Creation complete after \S+ \[id=([^\]]+)\]/.exec(output)?.[1] ?? "";

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
    tf.configure(`resource "portkeyadmin_workspace" "gone" {\n  name = "gone-team"\n}\n`);
    id = createdId(await tf.apply());
    expect(id).not.toBe("");
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("is dropped from the state by a refresh, and the plan proposes creating it again", async () => {
    await deleteOutOfBand();

    const refresh = await tf.expect(["apply", "-refresh-only", "-auto-approve", "-input=false"]);
    expect(refresh).toMatch(new RegExp(`${RESOURCE.replace(".", "\\.")} has been deleted`));
    expect(await tf.expect(["state", "list"])).not.toContain(RESOURCE);

    const plan = await tf.plan();
    expect(plan.status).toBe(2);
    expect(plan.output).toContain(`${RESOURCE} will be created`);
    expect(plan.output).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");

    tf.emulator.setFaults({ rules: [] });
    const newId = createdId(await tf.apply());
    expect(newId).not.toBe(id);
    id = newId;
    expect((await tf.plan()).status).toBe(0);
  });

  it("is destroyed without error when it is already gone", async () => {
    await deleteOutOfBand();
    // -refresh=false: terraform still believes the workspace exists and asks the provider to delete it.
    const output = await tf.expect(["destroy", "-auto-approve", "-input=false", "-refresh=false"]);
    expect(output).toContain("Destroy complete! Resources: 1 destroyed.");
    expect(await tf.expect(["state", "list"])).not.toContain(RESOURCE);
    tf.emulator.setFaults({ rules: [] });
  });
});
