import type { EntityManager } from '@mikro-orm/postgresql';
import type { OfficeHours } from './calendar';
import { CatalogService } from './catalog/catalog.service';
import type { Clock } from './shared/clock';
import { DossierIntakeService } from './dossiers/intake.service';
import { DossierQueryService } from './dossiers/dossier-query.service';

/** What services share beyond a unit of work: configuration and ports. */
export interface ServiceDependencies {
  clock: Clock;
  maxPageSize: number;
  officeHours: OfficeHours;
}

/** The services of one unit of work (a request, a job run), all on the same EntityManager. */
export function createServices(em: EntityManager, deps: ServiceDependencies) {
  const catalog = new CatalogService(em, deps.maxPageSize);
  return {
    catalog,
    intake: new DossierIntakeService(em, catalog, deps),
    dossiers: new DossierQueryService(em),
  };
}

export type Services = ReturnType<typeof createServices>;
