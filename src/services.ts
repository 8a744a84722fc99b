import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from './auth/viewer';
import type { OfficeHours } from './calendar';
import { CatalogService } from './catalog/catalog.service';
import { DossierAccess } from './dossiers/dossier-access';
import { DossierQueryService } from './dossiers/dossier-query.service';
import { DossierIntakeService } from './dossiers/intake.service';
import { DossierLifecycleService } from './dossiers/lifecycle.service';
import { RatingService } from './dossiers/rating.service';
import { ReceptionService } from './dossiers/reception.service';
import { StatsService } from './dossiers/stats.service';
import type { Clock } from './shared/clock';

/** What services share beyond a unit of work: configuration and ports. */
export interface ServiceDependencies {
  clock: Clock;
  maxPageSize: number;
  officeHours: OfficeHours;
}

/** The services of one unit of work (a request, a job run), all on the same EntityManager, for one viewer. */
export function createServices(em: EntityManager, deps: ServiceDependencies, viewer: Viewer) {
  const access = new DossierAccess(em, viewer);
  const catalog = new CatalogService(em, deps.maxPageSize);
  const intake = new DossierIntakeService(em, catalog, deps);
  return {
    access,
    catalog,
    intake,
    reception: new ReceptionService(access, intake),
    lifecycle: new DossierLifecycleService(em, access, deps),
    dossiers: new DossierQueryService(em, access, catalog, deps),
    stats: new StatsService(em, access, catalog, deps.clock),
    ratings: new RatingService(em, access, deps.clock),
  };
}

export type Services = ReturnType<typeof createServices>;
