/** The face of src/dossiers/: what other folders may use (lint: they import only from here). */
export { IdentityStatus } from './dossier.entity';
export { DossierStatus } from './dossier.enums';
export { OverdueEvent } from './lifecycle.entity';
export { detectOverdue } from './overdue.job';
