import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth';
import type { Services } from '../services';
import type { Clock } from '../shared/clock';
import type { Loaders } from '../loaders';

/** What every resolver gets: a request's own EntityManager, its loaders and services. */
export interface HubContext {
  em: EntityManager;
  loaders: Loaders;
  services: Services;
  requestId: string;
  viewer: Viewer;
  /** The caller's address (behind TRUST_PROXY's proxies, the one they forwarded), for rate limits. */
  clientAddress: string;
  clock: Clock;
  /**
   * Subscriptions: before each event, a fresh EntityManager, loaders and
   * services (a long subscription must not answer from what it read an
   * hour ago), with the token checked again.
   */
  renew?: () => Promise<void>;
}
