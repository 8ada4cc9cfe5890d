export type { Clock } from './clock';
export type { FlagProvider, FlagSnapshot, FlagSummary } from './flagProvider';
export type { ActedRollout, DeployProvider, RolloutListing, RolloutRef, UnreadableRollout } from './deployProvider';
export type { MetricsProvider, RangeQuery, RawSeries } from './metricsProvider';
export type { SecretStore } from './secretStore';
export type { DeployGovernance, FlagChangeRequests, FlagGovernance } from './governance';
