export * from "./custom-headers";
export * from "./formats";
export * from "./render";
export * from "./rules";
export * from "./types";
