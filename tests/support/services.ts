import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../src/auth/viewer';
import { DEFAULT_OFFICE_HOURS } from '../../src/calendar';
import { ConnectorRegistry } from '../../src/integration/connector-registry';
import { DepartmentDirectory } from '../../src/departments';
import { createServices, type ServiceDependencies } from '../../src/services';
import type { Clock } from '../../src/shared/clock';
import { RecordingOutbox } from './fakes/outbox.fake';
import { InMemoryPopulationRegistry } from './fakes/population.fake';

/** Service dependencies for service-level tests: in-memory population registry, recording outbox. */
export function testDeps(clock: Clock, overrides: Partial<ServiceDependencies> = {}): ServiceDependencies {
  return {
    clock,
    maxPageSize: 100,
    officeHours: DEFAULT_OFFICE_HOURS,
    documents: { maxBytes: 1024 * 1024, contentTypes: ['application/pdf', 'image/jpeg', 'image/png'] },
    population: new InMemoryPopulationRegistry(),
    outbox: new RecordingOutbox(),
    connectors: new ConnectorRegistry(),
    connectorTopics: new Map(),
    departments: new DepartmentDirectory([]),
    postalStalledAfterMs: 72 * 3_600_000,
    // Service-level tests do not pay online: a platform that refuses to be called.
    payment: {
      start: () => Promise.reject(new Error('no payment platform in service tests')),
      query: () => Promise.reject(new Error('no payment platform in service tests')),
      confirmations: { read: () => ({ valid: false, reason: 'no payment platform in service tests' }) },
    },
    ...overrides,
  };
}

export function testServices(em: EntityManager, clock: Clock, viewer: Viewer, overrides: Partial<ServiceDependencies> = {}) {
  return createServices(em, testDeps(clock, overrides), viewer);
}
