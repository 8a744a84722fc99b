import { PROCEDURES, receive } from './flows';
import type { TestHub } from './hub';
import { citizen, CITIZEN_ID, officer, OTHER_CITIZEN_ID, supervisor } from './tokens';

/** What the variables of the contract's operations refer to in a suite: its dossiers and who receives fresh ones. */
export interface ContractFixtures {
  t: TestHub;
  /** An officer of the police, who receives the fresh dossiers TransitionDossier moves. */
  officer: Record<string, string>;
  /** A received dossier of CITIZEN_ID (tracked, paid for). */
  tracked: string;
  /** A returned dossier of CITIZEN_ID, not yet rated. */
  rateable: string;
}

/**
 * Variables for one call of each contract operation, the same in every suite
 * that runs them all (tests/graphql/roles.spec.ts, tests/mesh/): a new
 * operation of the contract fails here until it is given some.
 */
export async function contractVariables(operation: string, f: ContractFixtures): Promise<Record<string, unknown>> {
  switch (operation) {
    case 'ProcedureCatalog':
      return { search: 'giay phep lai xe' };
    case 'TrackDossier':
      return { code: f.tracked };
    case 'SubmitDossier':
      return { input: { procedureCode: PROCEDURES.drivingLicence.code, components: PROCEDURES.drivingLicence.components.map((code) => ({ code })) } };
    case 'PayFees':
      return { dossierCode: f.tracked };
    case 'RateDossier':
      return { dossierCode: f.rateable, rating: 'SATISFIED' };
    case 'ReceiveDossier':
      return {
        input: {
          procedureCode: PROCEDURES.drivingLicence.code,
          channel: 'COUNTER',
          applicant: { personalId: CITIZEN_ID, consentToken: '123456' },
          components: PROCEDURES.drivingLicence.components.map((code) => ({ code })),
        },
      };
    case 'TransitionDossier': {
      // A fresh received dossier each time, so that an allowed move never spoils the next call.
      const fresh = await receive(f.t, f.officer, PROCEDURES.drivingLicence);
      return { code: fresh.code, action: 'FORWARD', expectedVersion: fresh.version };
    }
    case 'CitizenLookup':
      return { personalId: CITIZEN_ID, purpose: 'Tiếp nhận hồ sơ' };
    case 'ServiceStats':
      return { from: '2026-11-01', to: '2026-11-30' };
    case 'Worklist':
    case 'MyDossiers':
      return { first: 20 };
    default:
      throw new Error(`no variables for ${operation}: give the new contract operation some in tests/support/contract-variables.ts`);
  }
}

/** The callers of the contract's "Who calls": the dossiers' citizen and another, a police officer and a land officer, a supervisor. */
export type Who = 'anonymous' | 'citizen' | 'otherCitizen' | 'officer' | 'otherOfficer' | 'supervisor';
export const WHO: Who[] = ['anonymous', 'citizen', 'otherCitizen', 'officer', 'otherOfficer', 'supervisor'];

/** Each caller's headers (its bearer token). */
export async function everyCaller(): Promise<Record<Who, Record<string, string>>> {
  return {
    anonymous: {},
    citizen: await citizen(CITIZEN_ID),
    otherCitizen: await citizen(OTHER_CITIZEN_ID, 'Hoàng Văn Nam'),
    officer: await officer(PROCEDURES.drivingLicence.agency),
    otherOfficer: await officer(PROCEDURES.landTransfer.agency),
    supervisor: await supervisor(),
  };
}
