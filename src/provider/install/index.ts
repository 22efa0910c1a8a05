export * from "./address";
export * from "./dev-overrides";
export * from "./implied-mirror";
export * from "./lock-file";
