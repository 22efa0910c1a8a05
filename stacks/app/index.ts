export { localStatePath } from "./backend";
export { type BuiltApp, buildApp, PLATFORM_GCP_STACK, PLATFORM_STACK } from "./build-app";
export { type AppEnv, readAppEnv } from "./env";
export { integrationSlug, integrationSlugs, modelAllowList } from "./platform-refs";
export { type GcpMode, KEY_VARIABLE, KEY_VERSION_VARIABLE, PlatformStack, REQUIRED_TERRAFORM } from "./platform-stack";
export { PlatformGcpStack } from "./platform-gcp-stack";
export { providersUsed } from "./providers";
export { synthesizeApp, type SynthesizedApp } from "./synthesize";
export { TeamStack, teamStackName } from "./team-stack";
