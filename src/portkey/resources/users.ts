/** Org users `/admin/users` (fact sheet §12). No create: people join by accepting an invite. */
import { listAllPages } from "../paginate";
import type { ResourceContext } from "../resource-context";
import { seg } from "../resource-context";
import { sameEmail, type User, user } from "../schemas/members";
import type { CallOptions } from "./shared";

/** `/admin/users` pages with camelCase parameters, unlike every other list (§1.5). */
const CAMEL_CASE_PAGING = { page: "currentPage", size: "pageSize" } as const;

export class UsersApi {
  constructor(private readonly ctx: ResourceContext) {}

  async list(filter: { readonly email?: string; readonly role?: string } = {}, options: CallOptions = {}): Promise<User[]> {
    return listAllPages(this.ctx.transport, {
      path: "/admin/users",
      query: { ...filter },
      item: user,
      pageSize: this.ctx.pageSize,
      pageParams: CAMEL_CASE_PAGING,
      signal: options.signal,
    });
  }

  /**
   * The org user with this email, undefined when there is none. The server's email filter is
   * not documented as exact, so the answer is matched again here (case-insensitively).
   */
  async findByEmail(email: string, options: CallOptions = {}): Promise<User | undefined> {
    const users = await this.list({ email: email.trim() }, options);
    return users.find((candidate) => sameEmail(candidate.email, email));
  }

  async get(id: string, options: CallOptions = {}): Promise<User> {
    return this.ctx.transport.send({ method: "GET", path: `/admin/users/${seg(id)}`, schema: user, signal: options.signal });
  }
}
