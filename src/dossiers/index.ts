/** The face of src/dossiers/: what other folders may use (lint: they import only from here). */
export { ComponentKind, DOCUMENT_FORM_LABEL, DocumentForm, Dossier, DossierComponent, DossierFee, IdentityStatus } from './dossier.entity';
export { byDossierCode, checkDossierCode } from './dossier-code';
export { checkPhone, type IntakeHook, type IntakeRequest } from './intake.service';
export { outstandingObligations } from './obligations';
export { DossierAction, DossierStatus } from './dossier.enums';
export { Apology, DossierHistory, DossierStep, HistoryAction, OverdueEvent, StepStatus, SupplementRequest } from './lifecycle.entity';
export { detectOverdue } from './overdue.job';
export { recordHistory, type Actor } from './dossier-records';
export { type DossierAccess } from './dossier-access';
export { actionLabel, statusLabel } from './lifecycle';
export { DossierMoves, type LifecycleDependencies, type MovedHook, type StepStartedHook, type ResultDocument } from './lifecycle.service';
export { DossierPayloadType, type DossierPayload } from './dossier.types';
export { PaymentMethod, ReturnMethod, CLOSED_STATUSES } from './dossier.enums';
export { type PickupHook } from './reception.service';
export { moveDueTimes, type DueTimeMove } from './due-times';
