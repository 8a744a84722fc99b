import { Agency } from './catalog/agency.entity';
import { ExchangeLogEntry } from './audit/exchange-log.entity';
import { CitizenAccessLog } from './citizens/access-log.entity';
import { Document, DocumentBlob } from './documents/document.entity';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { CalendarDay } from './catalog/calendar-day.entity';
import { Procedure } from './catalog/procedure.entity';
import { ProcedureVersion } from './catalog/procedure-version.entity';
import { ProcedureChannel, ProcedureComponent, ProcedureFee, ProcedureStep } from './catalog/procedure-parts.entity';
import { DossierCodeCounter } from './dossiers/dossier-code-counter.entity';
import { Applicant, Dossier, DossierComponent, DossierFee } from './dossiers/dossier.entity';
import { Apology, Consultation, DossierHistory, DossierRating, DossierStep, OverdueEvent, SupplementRequest } from './dossiers/lifecycle.entity';
import { DepartmentCursor, DepartmentReportRecord } from './departments/department-sync.entity';
import { PaymentRecord } from './payments/payment.entity';
import { PostalShipment } from './postal/shipment.entity';
import { PortalSync } from './portal/portal-sync.entity';
import { PortalSubmissionRecord } from './portal/portal-submission.entity';
import { CatalogueReview } from './portal/catalogue-review.entity';

/** Every entity, listed rather than discovered by glob (MikroORM's discovery is fragile across builds). */
export const ENTITIES = [
  Agency,
  CalendarDay,
  Procedure,
  ProcedureVersion,
  ProcedureChannel,
  ProcedureComponent,
  ProcedureFee,
  ProcedureStep,
  Applicant,
  Dossier,
  DossierComponent,
  DossierFee,
  DossierCodeCounter,
  DossierStep,
  DossierHistory,
  Apology,
  SupplementRequest,
  Consultation,
  DossierRating,
  OverdueEvent,
  CitizenAccessLog,
  Document,
  DocumentBlob,
  OutboxMessage,
  ExchangeLogEntry,
  DepartmentCursor,
  DepartmentReportRecord,
  PaymentRecord,
  PostalShipment,
  PortalSync,
  PortalSubmissionRecord,
  CatalogueReview,
];
