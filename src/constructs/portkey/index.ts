export * from "./vertex-integration";
