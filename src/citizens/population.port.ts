import type { CallOptions } from '../integration';

/**
 * The national population database (CSDLQG về dân cư, Ministry of Public
 * Security) as the hub needs it: one citizen by personal id, with the
 * requesting officer, the purpose and a consent proof in each request
 * (DOMAIN.md §5 and §7). Adapters live in connectors/population/.
 */
export interface PopulationRegistry {
  /**
   * The citizen with this personal id, or `{ found: false }`. Throws
   * `ConsentRefusedError` when the registry refuses the consent proof, and
   * `UpstreamError` when it cannot be reached or fails. Safe to repeat.
   */
  lookup(request: LookupRequest, options?: CallOptions): Promise<LookupResult>;
  /** A cheap call that proves the registry answers (the health check). */
  ping(options?: CallOptions): Promise<void>;
}

/** Why the hub may read this record (DOMAIN.md §7: consent, or a legal basis). */
export type ConsentProof =
  /** The one-time code the citizen received and gave the officer at the counter. */
  | { kind: 'OTP'; code: string }
  /** The citizen's own identity login (their token), for their own record in their own dossier. */
  | { kind: 'IDENTITY_LOGIN'; subject: string }
  /** An officer's statutory task under an administrative procedure; the purpose says which. */
  | { kind: 'LEGAL_BASIS'; purpose: string };

export interface LookupRequest {
  /** Unique per request (MaYeuCau): the access log and the registry's own log share it. */
  requestId: string;
  personalId: string;
  requester: { id: string; name: string; agencyCode: string };
  purpose: string;
  dossierCode?: string | null;
  consent: ConsentProof | null;
}

export interface PersonName {
  family: string;
  middle: string | null;
  given: string;
  /** "Ho ChuDem Ten" */
  full: string;
}

export interface Address {
  provinceCode: string;
  provinceName: string;
  wardCode: string | null;
  wardName: string | null;
  detail: string | null;
  /** One line, as printed on forms. */
  text: string;
}

export interface RelatedPerson {
  name: PersonName;
  personalId: string | null;
}

export type Gender = 'MALE' | 'FEMALE';

/** A citizen's record (`CongDan`). */
export interface CitizenRecord {
  personalId: string;
  /** The old 9-digit identity card number (SoCMND), where there was one. */
  oldIdNumber: string | null;
  name: PersonName;
  gender: Gender;
  ethnicity: string;
  religion: string;
  nationality: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  birthRegistrationPlace: Address;
  hometown: Address;
  permanentAddress: Address;
  currentAddress: Address;
  father: RelatedPerson | null;
  mother: RelatedPerson | null;
  spouse: RelatedPerson | null;
  householdHead: RelatedPerson | null;
  householdBookNumber: string | null;
}

export type LookupResult = { found: true; citizen: CitizenRecord } | { found: false };

/** The registry refused the request's consent proof (missing, malformed or not valid for this citizen). */
export class ConsentRefusedError extends Error {
  override name = 'ConsentRefusedError';
}
