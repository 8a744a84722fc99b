import { mintToken } from '../../src/auth/mint-token';
import { syntheticCitizen } from '../../connectors/population/synthetic-citizen';
import { Role } from '../../src/auth/viewer';

/** The secret every test hub is started with. */
export const TEST_JWT_SECRET = 'test-secret-of-at-least-thirty-two-characters!';

export const CITIZEN_ID = '038095001234';
export const OTHER_CITIZEN_ID = '001203004567';

/** Authorization headers for the roles of the contract's table. */
export async function authHeaders(claims: Parameters<typeof mintToken>[0]): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintToken(claims, TEST_JWT_SECRET)}` };
}

/** The name the population simulator gives a personal id (what the hub reads for it). */
export const registryName = (personalId: string): string => syntheticCitizen(personalId)?.name.full ?? 'không có trong CSDL';

export const citizen = (personalId = CITIZEN_ID, name = registryName(personalId)) => authHeaders({ sub: `citizen-${personalId}`, name, roles: [Role.CITIZEN], personalId });
export const officer = (agency: string, name = `Cán bộ ${agency}`) => authHeaders({ sub: `officer-${agency}`, name, roles: [Role.OFFICER], agency });
export const supervisor = () => authHeaders({ sub: 'supervisor-1', name: 'Giám đốc Trung tâm', roles: [Role.SUPERVISOR] });
