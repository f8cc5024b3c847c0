import type { ServiceType } from '../catalog-types';
import { AI_SERVICES } from './ai';
import { COMPUTE_SERVICES } from './compute';
import { DATA_SERVICES } from './data';
import { EDGE_SERVICES } from './edge';
import { INTEGRATION_SERVICES } from './integration';
import { NETWORK_SERVICES } from './network';
import { SECURITY_SERVICES } from './security';
import { STORAGE_SERVICES } from './storage';

/** Every service type Galley can design with, in category order. */
export const SERVICE_CATALOG: readonly ServiceType[] = [
  ...NETWORK_SERVICES,
  ...COMPUTE_SERVICES,
  ...DATA_SERVICES,
  ...STORAGE_SERVICES,
  ...EDGE_SERVICES,
  ...INTEGRATION_SERVICES,
  ...SECURITY_SERVICES,
  ...AI_SERVICES,
];

const BY_TYPE: ReadonlyMap<string, ServiceType> = new Map(SERVICE_CATALOG.map((service) => [service.type, service]));

/** The service type with this id, or `undefined` for an unknown one. */
export function findServiceType(type: string): ServiceType | undefined {
  return BY_TYPE.get(type);
}
