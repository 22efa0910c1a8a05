/** `PortkeyClient`: one transport shared by every resource API. */

import type { SecretRegistry } from "./redact";
import type { ResourceContext } from "./resource-context";
import { ApiKeysApi } from "./resources/api-keys";
import { ConfigsApi } from "./resources/configs";
import { IntegrationsApi } from "./resources/integrations";
import { InvitesApi } from "./resources/invites";
import { type RateLimitsPoliciesApi, rateLimitsPolicies, type UsageLimitsPoliciesApi, usageLimitsPolicies } from "./resources/policies";
import { ProvidersApi } from "./resources/providers";
import { UsersApi } from "./resources/users";
import { VirtualKeysApi } from "./resources/virtual-keys";
import { WorkspaceMembersApi } from "./resources/workspace-members";
import { WorkspacesApi } from "./resources/workspaces";
import { Transport, type TransportOptions } from "./transport";

export interface PortkeyClientOptions extends TransportOptions {
  /** Items requested per list page. @default 50 */
  readonly pageSize?: number;
  /**
   * How long a call that needs an integration waits for it to appear (another stack creates it),
   * in milliseconds; 0: not at all. Used by the provider's resources, not by the client's own calls.
   * @default 0
   */
  readonly integrationWaitMs?: number;
}

export class PortkeyClient {
  readonly integrations: IntegrationsApi;
  readonly providers: ProvidersApi;
  readonly configs: ConfigsApi;
  readonly apiKeys: ApiKeysApi;
  readonly workspaces: WorkspacesApi;
  readonly usageLimitsPolicies: UsageLimitsPoliciesApi;
  readonly rateLimitsPolicies: RateLimitsPoliciesApi;
  readonly virtualKeys: VirtualKeysApi;
  readonly users: UsersApi;
  readonly invites: InvitesApi;
  readonly workspaceMembers: WorkspaceMembersApi;
  readonly transport: Transport;
  readonly integrationWaitMs: number;

  constructor(options: PortkeyClientOptions) {
    const pageSize = options.pageSize ?? 50;
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new RangeError(`Portkey client option pageSize must be a positive integer; got ${pageSize}.`);
    }
    this.transport = new Transport(options);
    this.integrationWaitMs = options.integrationWaitMs ?? 0;
    const ctx: ResourceContext = { transport: this.transport, pageSize };
    this.integrations = new IntegrationsApi(ctx);
    this.providers = new ProvidersApi(ctx);
    this.configs = new ConfigsApi(ctx);
    this.apiKeys = new ApiKeysApi(ctx);
    this.workspaces = new WorkspacesApi(ctx);
    this.usageLimitsPolicies = usageLimitsPolicies(ctx);
    this.rateLimitsPolicies = rateLimitsPolicies(ctx);
    this.virtualKeys = new VirtualKeysApi(ctx);
    this.users = new UsersApi(ctx);
    this.invites = new InvitesApi(ctx);
    this.workspaceMembers = new WorkspaceMembersApi(ctx);
  }

  /** Every secret the client has seen (admin key, API-key secrets, service-account JSON). */
  get secrets(): SecretRegistry {
    return this.transport.secrets;
  }

  /** Close the keep-alive pool (only if the client created it). */
  close(): Promise<void> {
    return this.transport.close();
  }
}
