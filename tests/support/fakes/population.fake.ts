import { syntheticCitizen } from '../../../connectors/population/synthetic-citizen';
import {
  ConsentRefusedError,
  type CitizenRecord,
  type LookupRequest,
  type LookupResult,
  type PopulationRegistry,
} from '../../../src/citizens/population.port';
import { UpstreamError } from '../../../src/errors';

/**
 * An in-memory population registry with the simulator's rules (consent
 * required; ids ending in 000 unknown), and a switch to play "down".
 */
export class InMemoryPopulationRegistry implements PopulationRegistry {
  readonly requests: LookupRequest[] = [];
  down = false;

  constructor(private readonly people: ReadonlyMap<string, CitizenRecord> = new Map()) {}

  lookup(request: LookupRequest): Promise<LookupResult> {
    this.requests.push(request);
    if (this.down) return Promise.reject(new UpstreamError('population', 'in-memory registry is down'));
    const consent = request.consent;
    const valid =
      consent !== null &&
      ((consent.kind === 'OTP' && /^\d{6}$/.test(consent.code.trim())) ||
        (consent.kind === 'IDENTITY_LOGIN' && consent.subject.trim() !== '') ||
        (consent.kind === 'LEGAL_BASIS' && consent.purpose.trim() !== '' && request.requester.id !== ''));
    if (!valid) return Promise.reject(new ConsentRefusedError('consent missing or malformed'));
    const citizen = this.people.get(request.personalId) ?? syntheticCitizen(request.personalId);
    return Promise.resolve(citizen ? { found: true, citizen } : { found: false });
  }

  ping(): Promise<void> {
    return this.down ? Promise.reject(new UpstreamError('population', 'in-memory registry is down')) : Promise.resolve();
  }
}
