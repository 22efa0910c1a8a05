/**
 * The in-memory state and the lookups every route shares. Lookups throw the same errors live
 * Portkey answers: 403 AB03 for a workspace that does not exist, 404 AB08 for other objects.
 */

import { type Clock, systemClock } from "../clock";
import { notFound, workspaceNotFound } from "../errors";
import { uuid } from "../ids";
import { RateWindows } from "../limits/windows";
import type { ApiKeyRecord, ConfigRecord, EmulatorState, IntegrationRecord, PolicyRecord, ProviderRecord, WorkspaceRecord } from "./records";

export function emptyState(): EmulatorState {
  return { version: 1, organisation_id: uuid(), workspaces: [], integrations: [], providers: [], configs: [], apiKeys: [], policies: [], usage: [], users: [], invites: [], members: [] };
}

export class Store {
  /** Rate-limit windows: runtime only, never persisted (limits/windows.ts). */
  readonly windows = new RateWindows();

  constructor(
    public state: EmulatorState = emptyState(),
    /** "Now" for budgets, resets, rate windows and expiry; tests inject their own. */
    readonly clock: Clock = systemClock,
  ) {}

  /** Forget every object (the organisation id survives so ids stay recognisable). */
  reset(): void {
    this.state = { ...emptyState(), organisation_id: this.state.organisation_id };
    this.windows.clear();
  }

  /** The clock's time as the API writes it. */
  nowIso(): string {
    return this.clock().toISOString();
  }

  findWorkspace(ref: string): WorkspaceRecord | undefined {
    return this.state.workspaces.find((ws) => ws.id === ref || ws.slug === ref);
  }

  workspace(ref: string): WorkspaceRecord {
    const found = this.findWorkspace(ref);
    if (!found) throw workspaceNotFound(ref);
    return found;
  }

  integration(ref: string): IntegrationRecord {
    const found = this.state.integrations.find((item) => item.slug === ref || item.id === ref);
    if (!found) throw notFound(`Integration ${JSON.stringify(ref)} not found.`);
    return found;
  }

  providersIn(workspaceId: string): ProviderRecord[] {
    return this.state.providers.filter((item) => item.workspace_id === workspaceId);
  }

  /** A provider by UUID, or by slug within a workspace (slugs are unique per workspace). */
  findProvider(ref: string, workspaceId?: string): ProviderRecord | undefined {
    return this.state.providers.find(
      (item) => (item.id === ref || item.slug === ref) && (workspaceId === undefined || item.workspace_id === workspaceId),
    );
  }

  provider(ref: string, workspaceId?: string): ProviderRecord {
    const found = this.findProvider(ref, workspaceId);
    if (!found) throw notFound(`Provider ${JSON.stringify(ref)} not found${workspaceId ? " in this workspace" : ""}.`);
    return found;
  }

  findConfig(ref: string): ConfigRecord | undefined {
    return this.state.configs.find((item) => item.slug === ref || item.id === ref);
  }

  config(ref: string): ConfigRecord {
    const found = this.findConfig(ref);
    if (!found) throw notFound(`Config ${JSON.stringify(ref)} not found.`);
    return found;
  }

  apiKey(id: string): ApiKeyRecord {
    const found = this.state.apiKeys.find((item) => item.id === id);
    if (!found) throw notFound(`API key ${JSON.stringify(id)} not found.`);
    return found;
  }

  policy(kind: PolicyRecord["kind"], id: string): PolicyRecord {
    const found = this.state.policies.find((item) => item.kind === kind && item.id === id);
    if (!found) throw notFound(`Policy ${JSON.stringify(id)} not found.`);
    return found;
  }

  /** What stops a workspace delete without `force_delete` (fact sheet §1.3: providers, configs, keys). */
  dependents(workspaceId: string): { providers: number; configs: number; apiKeys: number } {
    return {
      providers: this.providersIn(workspaceId).length,
      configs: this.state.configs.filter((item) => item.workspace_id === workspaceId).length,
      apiKeys: this.state.apiKeys.filter((item) => item.workspace_id === workspaceId).length,
    };
  }

  /** Remove a workspace and everything scoped to it (`force_delete: true`). */
  deleteWorkspaceCascade(workspace: WorkspaceRecord): void {
    const id = workspace.id;
    const s = this.state;
    s.providers = s.providers.filter((item) => item.workspace_id !== id);
    s.configs = s.configs.filter((item) => item.workspace_id !== id);
    s.apiKeys = s.apiKeys.filter((item) => item.workspace_id !== id);
    s.policies = s.policies.filter((item) => item.workspace_id !== id);
    s.integrations = s.integrations.filter((item) => item.workspace_id !== id);
    s.usage = s.usage.filter((item) => !item.owner.includes(id));
    for (const integration of s.integrations) integration.access = integration.access.filter((entry) => entry.workspace_id !== id);
    s.members = s.members.filter((item) => item.workspace_id !== id);
    s.workspaces = s.workspaces.filter((item) => item !== workspace);
  }
}
