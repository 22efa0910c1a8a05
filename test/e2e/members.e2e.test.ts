/**
 * Members with the real terraform, the bundled provider and the emulator (issue 15 item 2): a
 * developer is invited, accepts (the emulator plays them), becomes a workspace member named by
 * email (no UUID copied), drift on the role shows in the plan, import round-trips, destroy
 * leaves no membership or invite behind, and a dropped invite answer leaves exactly one invite.
 */
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(180_000);

const EMAIL = "ana@example.com";

const workspace = `
resource "portkeyadmin_workspace" "team" {
  name = "payments"
}
`;

const invite = `
resource "portkeyadmin_user_invite" "ana" {
  email = "${EMAIL}"
  role  = "member"
}
`;

const member = (role: string, email = "Ana@Example.com") => `
resource "portkeyadmin_workspace_member" "ana" {
  workspace_id = portkeyadmin_workspace.team.id
  email        = "${email}"
  role         = "${role}"
}

data "portkeyadmin_user" "ana" {
  email      = "${EMAIL}"
  depends_on = [portkeyadmin_workspace_member.ana]
}

output "ana_user_id" {
  value = data.portkeyadmin_user.ana.id
}
`;

interface Invite {
  id: string;
  email: string;
  status: string;
}

describe("members with the real terraform", () => {
  let tf: TerraformWorkspace;
  let workspaceId = "";
  let userId = "";
  const invites = async () => ((await tf.admin("GET", "/admin/users/invites")).json as { data: Invite[] }).data;

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  it("invites the developer; the plan is clean while the invite is pending", async () => {
    tf.configure(workspace + invite);
    const output = await tf.apply();
    expect(output).toContain("Apply complete! Resources: 2 added");
    workspaceId = /portkeyadmin_workspace\.team: Creation complete after \S+ \[id=([^\]]+)\]/.exec(output)?.[1] ?? "";
    const pending = await invites();
    expect(pending).toEqual([expect.objectContaining({ email: EMAIL, status: "pending" })]);
    expect((await tf.plan()).status).toBe(0);
  });

  it("a pending invite deleted out of band is sent again; an invite imports by id with no change", async () => {
    const [first] = await invites();
    expect((await tf.admin("DELETE", `/admin/users/invites/${first?.id}`)).status).toBe(200);
    const plan = await tf.plan();
    expect(plan.output).toContain("portkeyadmin_user_invite.ana will be created");
    await tf.apply();
    const [second] = await invites();
    expect(second?.id).not.toBe(first?.id);
    await tf.expect(["state", "rm", "portkeyadmin_user_invite.ana"]);
    expect(await tf.expect(["import", "-input=false", "portkeyadmin_user_invite.ana", second?.id ?? ""])).toContain("Import successful!");
    expect((await tf.plan()).status).toBe(0);
    expect(await invites()).toHaveLength(1);
  });

  it("a member named by email fails clearly before the developer has accepted", async () => {
    tf.configure(workspace + invite + member("member"));
    const result = await tf.run(["apply", "-auto-approve", "-input=false"]);
    expect(result.status).toBe(1);
    expect(result.output.replace(/\s+/g, " ")).toContain("No user of the Portkey organisation has the email Ana@Example.com: they become one by accepting their invite");
  });

  it("after the developer accepts, the invite reads accepted (no change) and the member is created with its role", async () => {
    const [pending] = await invites();
    userId = String(tf.emulator.acceptInvite(pending?.id ?? "").id);
    const refreshed = await tf.plan();
    expect(refreshed.output).not.toContain("portkeyadmin_user_invite.ana must be replaced");
    expect(refreshed.output).not.toContain("portkeyadmin_user_invite.ana will be created");
    const output = await tf.apply();
    expect(output).toContain("Resources: 1 added, 0 changed, 0 destroyed");
    expect(output).toContain(`ana_user_id = "${userId}"`);
    const read = await tf.admin("GET", `/admin/workspaces/${workspaceId}/users/${userId}`);
    expect(read.json).toMatchObject({ role: "ws-member", email: EMAIL });
    const state = await tf.expect(["state", "show", "portkeyadmin_user_invite.ana"]);
    expect(state).toMatch(/status\s+= "accepted"/);
    expect(state).toContain(userId);
    expect((await tf.plan()).status).toBe(0);
  });

  it("plans the role back when it was changed out of band, and a role change in the config updates in place", async () => {
    expect((await tf.admin("PUT", `/admin/workspaces/${workspaceId}/users/${userId}`, { role: "admin" })).status).toBe(200);
    const drift = await tf.plan();
    expect(drift.status).toBe(2);
    expect(drift.output).toMatch(/role\s+= "admin" -> "member"/);
    expect(drift.output).toContain("1 to change");
    await tf.apply();
    tf.configure(workspace + invite + member("manager"));
    expect(await tf.apply()).toContain("0 added, 1 changed, 0 destroyed");
    expect(((await tf.admin("GET", `/admin/workspaces/${workspaceId}/users/${userId}`)).json as { role: string }).role).toBe("ws-manager");
    expect((await tf.plan()).status).toBe(0);
  });

  it("re-creates a membership removed out of band", async () => {
    await tf.admin("DELETE", `/admin/workspaces/${workspaceId}/users/${userId}`);
    const plan = await tf.plan();
    expect(plan.output).toContain("portkeyadmin_workspace_member.ana will be created");
    await tf.apply();
    expect((await tf.plan()).status).toBe(0);
  });

  it("a change of the email's case only is an update without any write", async () => {
    tf.configure(workspace + invite + member("manager", EMAIL));
    const writesBefore = tf.emulator.requests().filter((r) => r.method !== "GET").length;
    expect(await tf.apply()).toContain("0 added, 1 changed, 0 destroyed");
    expect(tf.emulator.requests().filter((r) => r.method !== "GET").length).toBe(writesBefore);
    expect((await tf.plan()).status).toBe(0);
  });

  it("imports the membership by <workspace_id>/<user_id> with no change afterwards, and refuses a malformed id", async () => {
    await tf.expect(["state", "rm", "portkeyadmin_workspace_member.ana"]);
    const output = await tf.expect(["import", "-input=false", "portkeyadmin_workspace_member.ana", `${workspaceId}/${userId}`]);
    expect(output).toContain("Import successful!");
    expect((await tf.plan()).status).toBe(0);
    await tf.expect(["state", "rm", "portkeyadmin_workspace_member.ana"]);
    const bad = await tf.run(["import", "-input=false", "portkeyadmin_workspace_member.ana", userId]);
    expect(bad.status).toBe(1);
    expect(bad.output.replace(/\s+/g, " ")).toContain("is not <workspace_id>/<user_id>");
    await tf.expect(["import", "-input=false", "portkeyadmin_workspace_member.ana", `${workspaceId}/${userId}`]);
  });

  it("destroy removes the membership and the invite record; the user stays in the organisation", async () => {
    await tf.expect(["destroy", "-auto-approve", "-input=false"]);
    expect(tf.emulator.members().members).toEqual([]);
    expect(await invites()).toEqual([]);
    expect(tf.emulator.members().users.map((u) => u.email)).toEqual([EMAIL]);
    expect(tf.emulator.duplicates()).toEqual([]);
  });

  it("a dropped answer to the invite create leaves exactly one invite, and the next plan is clean", async () => {
    tf.emulator.reset();
    tf.configure(`resource "portkeyadmin_user_invite" "bo" {
  email = "bo@example.com"
  role  = "member"
}
`);
    tf.emulator.setFaults({ rules: [{ method: "POST", path: "/v1/admin/users/invites", fault: { kind: "dropResponse" }, times: 1 }] });
    const output = await tf.apply();
    expect(output).toContain("Apply complete! Resources: 1 added");
    const dropped = tf.emulator.requests().filter((r) => r.fault === "dropResponse");
    expect(dropped).toHaveLength(1);
    tf.emulator.setFaults({ rules: [] });
    const all = await invites();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ email: "bo@example.com", status: "pending" });
    expect(tf.emulator.duplicates()).toEqual([]);
    expect((await tf.plan()).status).toBe(0);
    await tf.expect(["destroy", "-auto-approve", "-input=false"]);
    expect(await invites()).toEqual([]);
  });

  it("request budget: invite and member creates look up before writing; refreshes are one GET", async () => {
    tf.emulator.reset();
    const since = () => {
      const start = tf.emulator.requests().length;
      return () =>
        tf.emulator
          .requests()
          .slice(start)
          .filter((r) => r.path.startsWith("/v1/admin/users") || /\/users/.test(r.path))
          .map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ":id")}`);
    };
    tf.configure(workspace + invite);
    let log = since();
    await tf.apply();
    expect(log()).toEqual(["GET /v1/admin/users", "GET /v1/admin/users/invites", "POST /v1/admin/users/invites", "GET /v1/admin/users/invites/:id"]);
    log = since();
    expect((await tf.plan()).status).toBe(0);
    expect(log()).toEqual(["GET /v1/admin/users/invites/:id"]);
    const [pending] = await invites();
    tf.emulator.acceptInvite(pending?.id ?? "");
    tf.configure(workspace + invite + member("member", EMAIL));
    log = since();
    await tf.apply();
    // Refresh of the invite at its acceptance (GET invite + the user by email), then the member
    // create: the user by email, the membership lookup (404), the add, the read-back; then the
    // data source's lookup.
    expect(log()).toEqual([
      "GET /v1/admin/users/invites/:id",
      "GET /v1/admin/users",
      "GET /v1/admin/users",
      "GET /v1/admin/workspaces/:id/users/:id",
      "POST /v1/admin/workspaces/:id/users",
      "GET /v1/admin/workspaces/:id/users/:id",
      "GET /v1/admin/users",
    ]);
    log = since();
    expect((await tf.plan()).status).toBe(0);
    // Accepted invite: the user by id; member: one GET; data source: the lookup by email.
    expect(log().sort()).toEqual(["GET /v1/admin/users", "GET /v1/admin/users/:id", "GET /v1/admin/workspaces/:id/users/:id"]);
    await tf.expect(["destroy", "-auto-approve", "-input=false"]);
  });

  it("teams-file flow: an invite granting the workspace, accepted, then a member resource adopts that membership without a write", async () => {
    tf.emulator.reset();
    const withInvite = `${workspace}
resource "portkeyadmin_user_invite" "cy" {
  email      = "cy@example.com"
  role       = "member"
  workspaces = [{ id = portkeyadmin_workspace.team.slug, role = "manager" }]
}
`;
    tf.configure(withInvite);
    const created = await tf.apply();
    const wsId = /portkeyadmin_workspace\.team: Creation complete after \S+ \[id=([^\]]+)\]/.exec(created)?.[1] ?? "";
    const [pending] = await invites();
    const cy = String(tf.emulator.acceptInvite(pending?.id ?? "").id);
    tf.configure(`${workspace}
resource "portkeyadmin_workspace_member" "cy" {
  workspace_id = portkeyadmin_workspace.team.id
  email        = "cy@example.com"
  role         = "manager"
}
`);
    const before = tf.emulator.requests().length;
    const output = await tf.apply();
    expect(output).toContain("1 added, 0 changed, 1 destroyed");
    const writes = tf.emulator
      .requests()
      .slice(before)
      .filter((r) => r.method !== "GET")
      .map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ":id")}`);
    // The invite record goes; the membership it granted is adopted, not added again.
    expect(writes).toEqual(["DELETE /v1/admin/users/invites/:id"]);
    expect(((await tf.admin("GET", `/admin/workspaces/${wsId}/users/${cy}`)).json as { role: string }).role).toBe("ws-manager");
    expect((await tf.plan()).status).toBe(0);
    await tf.expect(["destroy", "-auto-approve", "-input=false"]);
    expect(tf.emulator.members().members).toEqual([]);
  });
});
