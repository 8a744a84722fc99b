/** The national public service portal (DVCQG): its port, and a dossier's record as the portal must have it. */
export { PortalRefusedError, type NationalPortal, type PortalDossier, type PortalProgress } from './portal.port';
export { portalRecordOf } from './portal-record';
export { enqueuePortalSync, portalHooks, portalSyncHandler, PORTAL_SYNC_TOPIC, sweepPortalSync, type PortalSyncDependencies } from './portal-sync';
export { PortalSync } from './portal-sync.entity';
export { pullPortalSubmissions, type PortalPullResult } from './portal-submissions';
export { PortalSubmissionRecord, PortalSubmissionStatus } from './portal-submission.entity';
export { applyCatalogueReview, checkNationalCatalogue, portalProceduresOf } from './catalogue-sync';
export { CatalogueChange, CatalogueChangeKind, CatalogueReview } from './catalogue-review.entity';
