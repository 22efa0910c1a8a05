export { type HclogOptions, hclogLogger, type LogThreshold, logThresholdFromEnv } from "./log/hclog";
export { type ServeOptions, serve } from "./serve";
