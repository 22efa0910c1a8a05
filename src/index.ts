/**
 * The library's main entry (`claude-vertex-portkey`): the constructs a platform team composes in
 * its own cdktf app, and the Claude Code settings renderer. Other entry points:
 * `claude-vertex-portkey/app` (the whole app from a teams file), `/client` (the Admin API
 * client), `/l1` (the generated portkeyadmin bindings).
 */
export * from "./constructs/gcp/vertex-service-account";
export * from "./constructs/models";
export * from "./constructs/portkey";
export * from "./constructs/settings";
export * from "./constructs/team";
