export type {
  DiscoveredFreight,
  DiscoverOptions,
  DiscoveryResult,
  DiscoveryTarget,
  FreightSource,
} from './types';
export { freightKey, toFreightRecord } from './types';
export { RegistryError } from './RegistryError';
export { RegistryPolicy } from './RegistryPolicy';
export type { RegistryCredentials, RegistryEndpoint } from './RegistryPolicy';
export { RegistryClient } from './RegistryClient';
export type {
  ResolveDigestRequest,
  ResolvedDigest,
  ResolveOutcome,
} from './RegistryClient';
export type { RegistryRetryOptions } from './sendWithRetries';
export { planDiscovery } from './planDiscovery';
export type {
  DiscoveryPlan,
  MonitoredImage,
  PlannedTarget,
} from './planDiscovery';
export { RegistryFreightSource } from './RegistryFreightSource';
export { KargoFreightSource } from './KargoFreightSource';
export type { DiscoveredKargoFreight } from './mapKargoFreight';
export { createFreightSource } from './createFreightSource';
