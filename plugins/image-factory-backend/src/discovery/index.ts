export type {
  DiscoveredFreight,
  DiscoveryResult,
  DiscoveryTarget,
  FreightSource,
} from './types';
export { freightKey, toFreightRecord } from './types';
export { RegistryError } from './RegistryError';
export { RegistryClient } from './RegistryClient';
export { RegistryPolicy } from './RegistryPolicy';
export { planDiscovery } from './planDiscovery';
export type { MonitoredImage } from './planDiscovery';
export { createFreightSource } from './createFreightSource';
