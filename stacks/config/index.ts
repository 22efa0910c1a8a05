export { type Backend, DEFAULT_STATE_PREFIX, type GcpKey, type LoadOptions, loadTeamsFile, regionsInUse, type TeamsConfig } from "./load";
export type { ResolvedKey, ResolvedModels, ResolvedTeam } from "./merge";
export type { Budget, RateLimit } from "./primitives";
export { formatPath, type TeamsFileProblem, TeamsFileError } from "./problems";
export { VERTEX_REGIONS } from "./regions";
export type { RoutingData, SettingsMode } from "./schema";
