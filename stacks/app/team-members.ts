/**
 * A team's developers in Portkey (teams file `members`): an existing user becomes a member of
 * the team's workspace, found by email (portkeyadmin_workspace_member); one marked `invite` gets
 * an invitation that grants the workspace role on acceptance (portkeyadmin_user_invite). Once
 * they have accepted, `invite` is turned off and the membership becomes its own resource, which
 * adopts the one the invite granted (no change in Portkey).
 */
import type { Construct } from "constructs";
import { DataPortkeyadminUser } from "../../src/constructs/l1/portkeyadmin/data-user";
import { PortkeyadminUserInvite } from "../../src/constructs/l1/portkeyadmin/user-invite";
import { PortkeyadminWorkspaceMember } from "../../src/constructs/l1/portkeyadmin/workspace-member";
import type { ResolvedTeam } from "../config";

/** A construct id from an email that stays the same however the address is capitalised. */
export const memberConstructId = (email: string): string => `member_${email.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;

export function addTeamMembers(scope: Construct, team: ResolvedTeam, workspaceId: string): void {
  const used = new Set<string>();
  for (const member of team.members ?? []) {
    // Two addresses that differ only in punctuation (a.b@ and a_b@) would share an id.
    let id = memberConstructId(member.email);
    for (let n = 2; used.has(id); n++) id = `${memberConstructId(member.email)}_${n}`;
    used.add(id);
    if (member.invite) {
      new PortkeyadminUserInvite(scope, id, { email: member.email, role: "member", workspaces: [{ id: workspaceId, role: member.role }] });
    } else {
      new PortkeyadminWorkspaceMember(scope, id, { workspaceId, email: member.email, role: member.role });
    }
  }
}

/**
 * Resolves user keys' `user_email` to the user id with one data portkeyadmin_user per address
 * (read at plan time), so no UUID is copied into the teams file.
 */
export function userLookup(scope: Construct): (email: string) => string {
  const lookups = new Map<string, DataPortkeyadminUser>();
  return (email) => {
    const key = email.trim().toLowerCase();
    let found = lookups.get(key);
    if (!found) {
      found = new DataPortkeyadminUser(scope, `user_${key.replace(/[^a-z0-9]+/g, "_")}`, { email });
      lookups.set(key, found);
    }
    return found.id;
  };
}
