/**
 * Invites `/admin/users/invites` (fact sheet §12): create, read, delete; no update. No idempotency
 * key (§1.6): the email is the natural key, so a pending invite for it is looked up before a
 * create is re-sent after an ambiguous failure (create-idempotently.ts).
 */
import { createIdempotently } from "../create-idempotently";
import { listAllPages } from "../paginate";
import { readBackAdopted, readBackOrUndo } from "../read-back-or-undo";
import { parseInput, type ResourceContext, seg } from "../resource-context";
import { ignoredBody } from "../schemas/common";
import { type CreateInviteInput, createInviteInput, type Invite, invite, inviteCreated, sameEmail } from "../schemas/members";
import { type CallOptions, newest } from "./shared";

const PATH = "/admin/users/invites";

export interface ListInvitesFilter {
  readonly email?: string;
  readonly role?: string;
  readonly status?: string;
}

export class InvitesApi {
  constructor(private readonly ctx: ResourceContext) {}

  async create(input: CreateInviteInput, options: CallOptions = {}): Promise<Invite> {
    const body = parseInput(this.ctx, createInviteInput, input, "invites.create", "POST", PATH);
    const what = `invite for "${body.email}"`;
    const outcome = await createIdempotently(this.ctx.transport, {
      what,
      request: { method: "POST", path: PATH, body, schema: inviteCreated, signal: options.signal },
      // The email is ours: an "already exists" after a re-send is the invite our first attempt made.
      clientChosenKey: true,
      // Portkey may hold two pending invites for one email (a late attempt's): the twin check needs them all.
      sameKey: {
        list: (signal) => this.listPending(body.email, { signal }),
        idOf: (item) => item.id,
        remove: (id) => this.delete(id),
      },
      idOfCreated: (created) => created.id,
    });
    if (outcome.adopted) return readBackAdopted(this.ctx.transport, what, () => this.get(outcome.existing.id, options));
    const { id, invite_link: link } = outcome.created;
    // The link lets whoever holds it join the organisation: scrub it from every log line.
    if (typeof link === "string" && link !== "") this.ctx.transport.secrets.add(link);
    return readBackOrUndo(this.ctx.transport, what, () => this.get(id, options), () => this.delete(id));
  }

  async get(id: string, options: CallOptions = {}): Promise<Invite> {
    return this.ctx.transport.send({ method: "GET", path: `${PATH}/${seg(id)}`, schema: invite, signal: options.signal });
  }

  async list(filter: ListInvitesFilter = {}, options: CallOptions = {}): Promise<Invite[]> {
    return listAllPages(this.ctx.transport, { path: PATH, query: { ...filter }, item: invite, pageSize: this.ctx.pageSize, signal: options.signal });
  }

  /** The newest pending invite for `email` (matched case-insensitively), undefined when none. */
  async findPending(email: string, options: CallOptions = {}): Promise<Invite | undefined> {
    return newest(await this.listPending(email, options));
  }

  /** Every pending invite for `email` (matched case-insensitively). */
  async listPending(email: string, options: CallOptions = {}): Promise<Invite[]> {
    const invites = await this.list({ email: email.trim(), status: "pending" }, options);
    return invites.filter((item) => sameEmail(item.email, email) && (item.status === undefined || item.status === "pending"));
  }

  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.ctx.transport.send({ method: "DELETE", path: `${PATH}/${seg(id)}`, schema: ignoredBody, signal: options.signal });
  }
}
