export * from "./client";
export * from "./create-idempotently";
export * from "./errors";
export * from "./log";
export * from "./redact";
export * from "./resources/api-keys";
export * from "./resources/configs";
export * from "./resources/integrations";
export * from "./resources/invites";
export * from "./resources/policies";
export * from "./resources/providers";
export * from "./resources/shared";
export * from "./resources/users";
export * from "./resources/virtual-keys";
export * from "./resources/workspace-members";
export * from "./resources/workspaces";
export * from "./retry-policy";
export type { ApiKey, CreateApiKeyInput, RotateApiKeyInput, UpdateApiKeyInput } from "./schemas/api-keys";
export type { RateLimit, RateLimitInput, UsageLimits, UsageLimitsInput } from "./schemas/common";
export type { Config, CreateConfigInput, UpdateConfigInput } from "./schemas/configs";
export type {
  CreateIntegrationInput,
  Integration,
  IntegrationModel,
  IntegrationModels,
  IntegrationWorkspace,
  IntegrationWorkspaces,
  PutIntegrationModelsInput,
  PutIntegrationWorkspacesInput,
  UpdateIntegrationInput,
} from "./schemas/integrations";
export type { CreateInviteInput, Invite, User, WorkspaceMember, WorkspaceRole } from "./schemas/members";
export { INVITE_ROLES, normaliseWorkspaceRole, sameEmail, WORKSPACE_ROLES } from "./schemas/members";
export type {
  CreateRateLimitsPolicyInput,
  CreateUsageLimitsPolicyInput,
  RateLimitsPolicy,
  UpdateRateLimitsPolicyInput,
  UpdateUsageLimitsPolicyInput,
  UsageLimitsPolicy,
} from "./schemas/policies";
export type { CreateProviderInput, Provider, UpdateProviderInput } from "./schemas/providers";
export type { CreateVirtualKeyInput, UpdateVirtualKeyInput, VirtualKey } from "./schemas/virtual-keys";
export type { CreateWorkspaceInput, UpdateWorkspaceInput, Workspace } from "./schemas/workspaces";
export { stripIconPrefix } from "./schemas/workspaces";
export * from "./transport";
