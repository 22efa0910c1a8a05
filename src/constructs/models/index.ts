export * from "./catalogue";
export * from "./lifecycle";
export * from "./lifecycle-notice";
