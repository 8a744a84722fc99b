/** The face of src/catalog/: what other folders may use (lint: they import only from here). */
export { Agency } from './agency.entity';
export { CalendarDay } from './calendar-day.entity';
export { AgencyKind, CalendarDayKind, Channel, ComponentUse, OnlineLevel, TimeUnit } from './catalog.enums';
export { CatalogDataError, holidayRecord } from './catalog-data';
export { loadCatalog, type CalendarChange, type CalendarChangeHook, type CalendarDayRecord } from './catalog.loader';
export { type CatalogService } from './catalog.service';
export { ProcedureChannel, ProcedureComponent, ProcedureFee, ProcedureStep } from './procedure-parts.entity';
export { Procedure } from './procedure.entity';
export { ProcedureVersion, VersionFee, VersionTime } from './procedure-version.entity';
export { snapshotProcedures } from './procedure-versions';
export { timeInWords } from './time-words';
