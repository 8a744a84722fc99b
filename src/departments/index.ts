/** The face of src/departments/: what other folders may use (lint: they import only from here). */
export { DepartmentAdminService } from './department-admin.service';
export { DepartmentDirectory, type DepartmentEntry } from './department-directory';
export { DEPARTMENT_ENDPOINT_PATH, mountDepartmentEndpoint } from './department-endpoint';
export { DepartmentReports } from './department-reports';
export { sendDossierHandler, sendOnStepStart, sendTopic } from './department-sending';
export { DepartmentCursor, DepartmentReportRecord, ReportChannel, ReportOutcome } from './department-sync.entity';
export { DepartmentResolver } from './department.resolver';
export { StepReportMeaning, type DepartmentProfile, type DepartmentSystem } from './department.port';
