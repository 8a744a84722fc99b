import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122022141_initial } from './Migration20261122022141_initial';
import { Migration20261122023757_lifecycle } from './Migration20261122023757_lifecycle';
import { Migration20261122030757_paperless } from './Migration20261122030757_paperless';
import { Migration20261201120000_audit_chain } from './Migration20261201120000_audit_chain';
import { Migration20261201130000_consent_refused } from './Migration20261201130000_consent_refused';
import { Migration20261202010000_departments } from './Migration20261202010000_departments';
import { Migration20261202020000_worklist_indexes } from './Migration20261202020000_worklist_indexes';
import { Migration20261202030000_stats_indexes } from './Migration20261202030000_stats_indexes';
import { Migration20261202040000_stats_counters } from './Migration20261202040000_stats_counters';
import { Migration20261202050000_obligations } from './Migration20261202050000_obligations';
import { Migration20261202060000_payments } from './Migration20261202060000_payments';
import { Migration20261202070000_postal } from './Migration20261202070000_postal';
import { Migration20261202080000_situations } from './Migration20261202080000_situations';
import { Migration20261202090000_consultations } from './Migration20261202090000_consultations';
import { Migration20261202100000_submitted_code } from './Migration20261202100000_submitted_code';
import { Migration20261202110000_component_use } from './Migration20261202110000_component_use';
import { Migration20261202120000_stats_reuse } from './Migration20261202120000_stats_reuse';
import { Migration20261202130000_calendar_verified } from './Migration20261202130000_calendar_verified';
import { Migration20261202140000_fractional_times } from './Migration20261202140000_fractional_times';
import { Migration20261202150000_former_codes_and_forms } from './Migration20261202150000_former_codes_and_forms';
import { Migration20261202160000_portal_sync } from './Migration20261202160000_portal_sync';

/** Every migration, in order. A new one is created with `npm run migration:create -- name` and added here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122022141_initial', class: Migration20261122022141_initial },
  { name: 'Migration20261122023757_lifecycle', class: Migration20261122023757_lifecycle },
  { name: 'Migration20261122030757_paperless', class: Migration20261122030757_paperless },
  { name: 'Migration20261201120000_audit_chain', class: Migration20261201120000_audit_chain },
  { name: 'Migration20261201130000_consent_refused', class: Migration20261201130000_consent_refused },
  { name: 'Migration20261202010000_departments', class: Migration20261202010000_departments },
  { name: 'Migration20261202020000_worklist_indexes', class: Migration20261202020000_worklist_indexes },
  { name: 'Migration20261202030000_stats_indexes', class: Migration20261202030000_stats_indexes },
  { name: 'Migration20261202040000_stats_counters', class: Migration20261202040000_stats_counters },
  { name: 'Migration20261202050000_obligations', class: Migration20261202050000_obligations },
  { name: 'Migration20261202060000_payments', class: Migration20261202060000_payments },
  { name: 'Migration20261202070000_postal', class: Migration20261202070000_postal },
  { name: 'Migration20261202080000_situations', class: Migration20261202080000_situations },
  { name: 'Migration20261202090000_consultations', class: Migration20261202090000_consultations },
  { name: 'Migration20261202100000_submitted_code', class: Migration20261202100000_submitted_code },
  { name: 'Migration20261202110000_component_use', class: Migration20261202110000_component_use },
  { name: 'Migration20261202120000_stats_reuse', class: Migration20261202120000_stats_reuse },
  { name: 'Migration20261202130000_calendar_verified', class: Migration20261202130000_calendar_verified },
  { name: 'Migration20261202140000_fractional_times', class: Migration20261202140000_fractional_times },
  { name: 'Migration20261202150000_former_codes_and_forms', class: Migration20261202150000_former_codes_and_forms },
  { name: 'Migration20261202160000_portal_sync', class: Migration20261202160000_portal_sync },
];
