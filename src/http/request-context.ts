import type { Viewer } from '../auth';
import type { Database } from '../db/database';
import type { HubContext } from '../graphql/context';
import { createLoaders } from '../loaders';
import { createServices, type ServiceDependencies } from '../services';

/**
 * One unit of work for one viewer: its own EntityManager, loaders and
 * services. An HTTP request gets one; a subscription one per event.
 */
export function hubContext(database: Database, services: ServiceDependencies, who: { viewer: Viewer; clientAddress: string; requestId: string }): HubContext {
  const em = database.fork();
  return {
    em,
    loaders: createLoaders(em),
    services: createServices(em, services, who.viewer),
    requestId: who.requestId,
    viewer: who.viewer,
    clientAddress: who.clientAddress,
    clock: services.clock,
  };
}
