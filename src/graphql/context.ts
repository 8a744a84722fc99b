import type { EntityManager } from '@mikro-orm/postgresql';
import type { Services } from '../services';
import type { Clock } from '../shared/clock';
import type { Loaders } from './loaders';

/** What every resolver gets: a request's own EntityManager, its loaders and services. */
export interface HubContext {
  em: EntityManager;
  loaders: Loaders;
  services: Services;
  requestId: string;
  clock: Clock;
}
