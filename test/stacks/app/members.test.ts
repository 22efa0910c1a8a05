/**
 * Teams file `members` → the team stack: an existing user becomes a workspace member found by
 * email; one marked `invite` gets an invitation carrying the workspace role; the loader refuses
 * a bad address and a developer listed twice, naming the path and the fix.
 */
import { loadError, problemLines, validFile } from "../config/support";
import { exampleFile, resources, synth, writeTeamsFile } from "./support";

describe("team members from the teams file", () => {
  it("makes a member per existing developer and an invite per developer not yet in Portkey", () => {
    const file = exampleFile();
    file.teams[0].members = [
      { email: "Ana@Acme.com", role: "admin" },
      { email: "bo@acme.com", invite: true },
    ];
    const out = synth(writeTeamsFile(file));
    const stack = out.stack(`team-${file.teams[0].name}`);
    const members = resources(stack, "portkeyadmin_workspace_member");
    expect(members).toEqual([expect.objectContaining({ email: "Ana@Acme.com", role: "admin", workspace_id: expect.stringContaining("portkeyadmin_workspace") })]);
    const invites = resources(stack, "portkeyadmin_user_invite");
    expect(invites).toEqual([expect.objectContaining({ email: "bo@acme.com", role: "member", workspaces: [expect.objectContaining({ role: "member" })] })]);
    expect(Object.keys(stack.resource?.portkeyadmin_workspace_member ?? {})).toEqual(["member_ana_acme_com"]);
    // Other teams list nobody: nothing is managed for them.
    expect(resources(out.stack(`team-${file.teams[1].name}`), "portkeyadmin_workspace_member")).toEqual([]);
  });

  it("resolves a user key's user_email with a data portkeyadmin_user lookup: no UUID in the teams file", () => {
    const file = exampleFile();
    file.teams[0].keys = [{ name: "ana", kind: "user", user_email: "Ana@Acme.com" }];
    const stack = synth(writeTeamsFile(file)).stack(`team-${file.teams[0].name}`);
    expect(stack.data?.portkeyadmin_user).toEqual({ user_ana_acme_com: expect.objectContaining({ email: "Ana@Acme.com" }) });
    const keys = resources(stack, "portkeyadmin_api_key");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the synthesized Terraform reference
    expect(keys).toEqual([expect.objectContaining({ sub_type: "user", user_id: "${data.portkeyadmin_user.user_ana_acme_com.id}" })]);
  });

  it.each([
    ["a user key naming its user twice", "keys", [{ name: "ana", kind: "user", user_email: "ana@acme.com", user_id: "4f9e0000-0000-4000-8000-000000000000" }], "teams[0].keys[0].user_email", "keep one of them"],
    ["user_email on a service key", "keys", [{ name: "ci", user_email: "ana@acme.com" }], "teams[0].keys[0].user_email", "only applies to user keys"],
  ])("refuses %s, naming the path and the fix", (_what, field, value, path, fragment) => {
    const file = validFile();
    file.teams[0][field] = value;
    const lines = problemLines(loadError(file));
    const line = lines.find((l) => l.includes(path)) ?? lines.join("\n");
    expect(line).toContain(path);
    expect(line).toContain(fragment);
  });

  it.each([
    ["a bad address", [{ email: "ana.acme.com" }], "teams[0].members[0].email", "email must be an email address"],
    ["a developer listed twice", [{ email: "ana@acme.com" }, { email: "ANA@acme.com" }], "teams[0].members[1].email", '"ANA@acme.com" is already members[0]'],
    ["an unknown role", [{ email: "ana@acme.com", role: "owner" }], "teams[0].members[0].role", "owner"],
  ])("refuses %s, naming the path and the fix", (_what, members, path, fragment) => {
    const file = validFile();
    file.teams[0].members = members;
    const lines = problemLines(loadError(file));
    const line = lines.find((l) => l.includes(path)) ?? lines.join("\n");
    expect(line).toContain(path);
    expect(line).toContain(fragment);
  });
});
