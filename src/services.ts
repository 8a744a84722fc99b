import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from './auth/viewer';
import type { OfficeHours } from './calendar';
import { CatalogService } from './catalog/catalog.service';
import { AccessLogService } from './citizens/access-log.service';
import { CitizenLookupService, CitizenService } from './citizens/citizen.service';
import type { PopulationRegistry } from './citizens/population.port';
import type { DocumentsConfig } from './config';
import { DocumentService } from './documents/document.service';
import { CalendarAdminService } from './dossiers/calendar-admin.service';
import { DossierAccess } from './dossiers/dossier-access';
import { DossierQueryService } from './dossiers/dossier-query.service';
import { HallBoardService } from './dossiers/hall-board';
import { DossierIntakeService } from './dossiers/intake.service';
import { DossierLifecycleService } from './dossiers/lifecycle.service';
import { RatingService } from './dossiers/rating.service';
import { ReceptionService } from './dossiers/reception.service';
import { StatsService } from './dossiers/stats.service';
import type { ConnectorRegistry } from './integration/connector-registry';
import { ConnectorActivityReader } from './integration/connector-activity';
import { DepartmentAdminService } from './departments/department-admin.service';
import type { DepartmentDirectory } from './departments/department-directory';
import type { IntakeHook } from './dossiers/intake.service';
import type { MovedHook, StepStartedHook } from './dossiers/lifecycle.service';
import type { PickupHook } from './dossiers/reception.service';
import { PostalDossierService } from './postal/postal-dossier.service';
import type { Outbox } from './outbox/outbox';
import type { PaymentPlatform } from './payments/payment.port';
import { PaymentService } from './payments/payment.service';
import { OutboxAdminService } from './outbox/outbox-admin.service';
import { PortalAdminService } from './portal/portal-admin.service';
import type { PortalPullResult } from './portal/portal-submissions';
import type { CatalogueReview } from './portal/catalogue-review.entity';
import type { Clock } from './shared/clock';
import type { DossierChanges } from './live/dossier-changes';

/** What services share beyond a unit of work: configuration and ports. */
export interface ServiceDependencies {
  clock: Clock;
  maxPageSize: number;
  officeHours: OfficeHours;
  documents: DocumentsConfig;
  population: PopulationRegistry;
  outbox: Outbox;
  connectors: ConnectorRegistry;
  /** Each outbox topic → the connector instance that delivers it (a connector's backlog in `connectors`). */
  connectorTopics: ReadonlyMap<string, string>;
  /** The departments with a system of their own (DEPARTMENTS_DIR); empty when DEPARTMENTS_ENABLED=false. */
  departments: DepartmentDirectory;
  /** Sends a step that starts at such a department to its system (outbox, in the move's transaction). */
  onStepStarted?: StepStartedHook;
  /** The national payment platform (the `payment` instance, with its resilience). */
  payment: PaymentPlatform;
  /** Told of every move (a result ready for a dossier going by post gets its delivery order), in the move's transaction. */
  onMoved?: MovedHook;
  /** Told of every dossier created, in its transaction (the national portal's sync is enqueued). */
  onIntake?: IntakeHook;
  /** Orders the post's collection of a dossier filed by post; none: filing by post is refused. */
  onPickup?: PickupHook;
  /** A parcel with no news for this long is stalled (POSTAL_STALLED_AFTER_HOURS). */
  postalStalledAfterMs: number;
  /** Pulls the dossiers filed on the national portal now; absent when PORTAL_SUBMISSIONS_ENABLED=false. */
  pullPortalSubmissions?: () => Promise<PortalPullResult>;
  /** Compares the national catalogue with the hub's now (a review for supervisors). */
  checkNationalCatalogue?: () => Promise<CatalogueReview>;
  /** The address of a dossier's public lookup page (PUBLIC_URL/tra-cuu?ma=…), for QR codes; absent when there is none. */
  lookupPage?: (code: string) => string;
  /** The committed dossier changes this process hears (subscriptions); absent in units of work that need none. */
  live?: DossierChanges;
}

/** The services of one unit of work (a request, a job run), all on the same EntityManager, for one viewer. */
export function createServices(em: EntityManager, deps: ServiceDependencies, viewer: Viewer) {
  const access = new DossierAccess(em, viewer);
  const catalog = new CatalogService(em, deps.maxPageSize);
  const documents = new DocumentService(em, deps.documents);
  const citizens = new CitizenService(em, deps.population, deps.clock);
  const intake = new DossierIntakeService(em, catalog, documents, deps);
  return {
    access,
    catalog,
    documents,
    citizens,
    intake,
    citizenLookup: new CitizenLookupService(access, citizens),
    accessLog: new AccessLogService(em, access, deps.maxPageSize),
    reception: new ReceptionService(access, catalog, citizens, intake, deps.outbox, deps.onPickup),
    lifecycle: new DossierLifecycleService(em, access, documents, deps),
    dossiers: new DossierQueryService(em, access, catalog, deps),
    stats: new StatsService(em, access, catalog, deps.clock),
    calendar: new CalendarAdminService(em, access, deps),
    ratings: new RatingService(em, access, deps.clock),
    outbox: new OutboxAdminService(em, access, deps.outbox, deps.maxPageSize),
    connectors: deps.connectors,
    connectorActivity: new ConnectorActivityReader(em, deps.connectorTopics),
    departments: new DepartmentAdminService(em, access, deps.departments, deps.connectors),
    payments: new PaymentService(em, access, deps.payment, deps.clock),
    portal: new PortalAdminService(em, access, deps),
    board: new HallBoardService(em, catalog, deps.clock),
    live: deps.live,
    lookupPage: deps.lookupPage,
    postal: new PostalDossierService(em, access, deps.outbox, deps.clock, deps.postalStalledAfterMs),
  };
}

export type Services = ReturnType<typeof createServices>;
