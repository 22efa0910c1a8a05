/**
 * data "portkeyadmin_user": an org user looked up by email (fact sheet §12), e.g. for the user
 * id a per-developer user key or a membership needs, without copying a UUID.
 */
import type { PortkeyClient } from "../../portkey";
import { attr, defineDataSource } from "../framework";
import { checkEmail } from "../resources/member-checks";

const attributes = {
  email: attr.string().required().describe("The user's email (matched case-insensitively).").validate(checkEmail("email")),
  id: attr.string().computed().describe("User id."),
  first_name: attr.string().computed().describe("First name."),
  last_name: attr.string().computed().describe("Last name."),
  role: attr.string().computed().describe('Organisation role: "owner", "admin" or "member".'),
  created_at: attr.string().computed().describe("When the user joined (RFC 3339)."),
};

export const userDataSource = defineDataSource<typeof attributes, PortkeyClient>({
  typeName: "portkeyadmin_user",
  schema: { description: "Looks up a Portkey organisation user by email.", attributes },

  async read(config, ctx) {
    const user = await ctx.client.users.findByEmail(config.email, { signal: ctx.signal });
    if (!user) {
      ctx.diagnostics.error(
        "User not found",
        `No user of the Portkey organisation has the email ${JSON.stringify(config.email)}. A developer becomes a user by accepting an invite (portkeyadmin_user_invite); check the address, or apply again after they have accepted.`,
        ["email"],
      );
      return {};
    }
    return { id: user.id, first_name: user.first_name ?? null, last_name: user.last_name ?? null, role: user.role ?? null, created_at: user.created_at ?? null };
  },
});
