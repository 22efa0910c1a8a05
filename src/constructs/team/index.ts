export * from "./claude-code-team";
export * from "./key-secret";
export * from "./props";
