import { registerEnumType } from 'type-graphql';

/** How a dossier reaches the centre (`KenhThucHien` 1/2/3). */
export enum Channel {
  COUNTER = 'COUNTER',
  ONLINE = 'ONLINE',
  POSTAL = 'POSTAL',
}

/** Toàn trình (FULL), một phần (PARTIAL) or information only (Decree 42/2022). */
export enum OnlineLevel {
  FULL = 'FULL',
  PARTIAL = 'PARTIAL',
  INFORMATION_ONLY = 'INFORMATION_ONLY',
}

/** Unit of a processing time. */
export enum TimeUnit {
  WORKING_DAYS = 'WORKING_DAYS',
  WORKING_HOURS = 'WORKING_HOURS',
  DAYS = 'DAYS',
  /** Calendar months ("Không quá 02 tháng"): the same day of the month, moved to the next working day. */
  MONTHS = 'MONTHS',
}

/** What a component of a procedure is to the counter: a document filed, one only shown, or a note. */
export enum ComponentUse {
  /** Filed with the dossier (uploaded online). */
  FILE = 'FILE',
  /** Only shown at the counter (xuất trình): checked, not kept, never a required upload. */
  PRESENT = 'PRESENT',
  /** A note of the source's list (a condition, an explanation): no document at all. */
  NOTE = 'NOTE',
}
registerEnumType(ComponentUse, { name: 'ComponentUse', description: 'FILE: filed with the dossier; PRESENT: only shown at the counter (xuất trình); NOTE: a note, no document' });

/** What an agency is, in the centre's organisation. */
export enum AgencyKind {
  /** A provincial department (Sở). */
  DEPARTMENT = 'DEPARTMENT',
  /** Provincial police (Công an tỉnh). */
  POLICE = 'POLICE',
  /** Management board of economic zones and industrial parks. */
  BOARD = 'BOARD',
  /** The Public Administrative Service Centre itself. */
  CENTRE = 'CENTRE',
  /** Takes part in inter-agency steps without being a provincial department (tax office, land registration office). */
  EXTERNAL = 'EXTERNAL',
}

/** A calendar exception: a weekday off, or a weekend day worked. */
export enum CalendarDayKind {
  HOLIDAY = 'HOLIDAY',
  WORKING_DAY = 'WORKING_DAY',
}

registerEnumType(Channel, { name: 'Channel', description: 'How a dossier reaches the centre: at a counter, online, or by post' });
registerEnumType(OnlineLevel, { name: 'OnlineLevel', description: 'Toàn trình (FULL), một phần (PARTIAL), or information only' });
registerEnumType(TimeUnit, { name: 'TimeUnit', description: 'Unit of a processing time; working time skips weekends, holidays and hours outside office hours; days and months are calendar ones, ending on a working day' });
registerEnumType(AgencyKind, { name: 'AgencyKind' });
registerEnumType(CalendarDayKind, { name: 'CalendarDayKind' });
