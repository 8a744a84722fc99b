/** The face of src/catalog/: what other folders may use (lint: they import only from here). */
export { Agency } from './agency.entity';
export { CalendarDay } from './calendar-day.entity';
export { AgencyKind, Channel, ComponentUse, OnlineLevel, TimeUnit } from './catalog.enums';
export { loadCatalog } from './catalog.loader';
export { type CatalogService } from './catalog.service';
export { ProcedureChannel, ProcedureComponent, ProcedureFee, ProcedureStep } from './procedure-parts.entity';
export { Procedure } from './procedure.entity';
