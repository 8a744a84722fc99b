import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agency } from '../../src/catalog/agency.entity';
import { Channel } from '../../src/catalog/catalog.enums';
import { Procedure } from '../../src/catalog/procedure.entity';
import { migrate, openDatabase, type Database } from '../../src/db/database';
import { ENTITIES } from '../../src/entities';
import { Applicant, Dossier } from '../../src/dossiers/dossier.entity';
import { DossierStatus } from '../../src/dossiers/dossier.enums';
import { createLogger, describeError, type Logger } from '../../src/shared/logger';
import { provisionDatabase, type ProvisionedDatabase } from '../support/database';

/** A citizen's data as a failed INSERT would carry it; none of it may reach the log. */
const CITIZEN = {
  personalId: '038095001234',
  fullName: 'Nguyễn Thị Lan',
  dateOfBirth: '1990-04-17',
  permanentAddress: '12 Lê Lợi, phường Điện Biên, Thanh Hóa',
  currentAddress: 'Thôn Đông, xã Quảng Tâm',
  phone: '0912345678',
  email: 'lan.nguyen@example.vn',
};
const PERSONAL_VALUES = [
  CITIZEN.personalId,
  CITIZEN.fullName,
  'Lan',
  CITIZEN.dateOfBirth,
  '1990',
  'Lê Lợi',
  'Quảng Tâm',
  CITIZEN.phone,
  '345678',
  'lan.nguyen',
  'example.vn',
];

function expectNoPersonalData(text: string): void {
  for (const value of PERSONAL_VALUES) expect(text, value).not.toContain(value);
}

/** The hub's database with DB_DEBUG on, its ORM log and the hub's logger writing to memory. */
describe('a failed INSERT of personal data is logged with its SQLSTATE, never its values', () => {
  let provisioned: ProvisionedDatabase;
  let database: Database;
  const lines: string[] = [];
  let logger: Logger;

  beforeAll(async () => {
    logger = createLogger({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    provisioned = await provisionDatabase();
    // As src/hub.ts wires it: the ORM's own log (DB_DEBUG) goes to the hub's logger.
    database = await openDatabase(
      { url: provisioned.url, dataDir: provisioned.dataDir, poolMax: provisioned.url ? 4 : 1, debug: true },
      { entities: ENTITIES, writeLog: (message) => logger.debug(message) },
    );
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
    await provisioned?.drop();
  });

  it('through the ORM (a dossier whose procedure does not exist): SQLSTATE 23503, constraint and statement, no values', async () => {
    const em = database.fork();
    const agency = em.getReference(Agency, randomUUID());
    em.create(Dossier, {
      code: 'X-TEST-0001',
      procedure: em.getReference(Procedure, randomUUID()),
      receivingAgency: agency,
      currentAgency: agency,
      channel: Channel.COUNTER,
      status: DossierStatus.RECEIVED,
      applicant: Object.assign(new Applicant(), CITIZEN),
    });
    lines.length = 0;
    const failure = await em.flush().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    // The driver's own message holds every value: this is what used to reach the log.
    expect((failure as Error).message).toContain(CITIZEN.fullName);

    // How the hub logs an unexpected error (src/http/server.ts, src/outbox/delivery.ts, src/main.ts).
    logger.error({ err: failure }, 'unexpected error in a GraphQL request');
    logger.error(failure);
    logger.warn({ topic: 'verify-identity', err: new Error('delivery failed', { cause: failure }) }, 'outbox delivery failed');
    const log = lines.join('');
    expectNoPersonalData(log);
    expect(log).toContain('"sqlState":"23503"');
    expect(log).toMatch(/"constraint":"dossier_(procedure|receiving_agency|current_agency)_id_foreign"/);
    expect(log).toMatch(/"statement":"insert into \\"dossier\\" \(.*\\"applicant_full_name\\".*\) values \(/);
    // DB_DEBUG logged the statement too, with placeholders only.
    expect(log).toMatch(/insert into .*dossier/);

    const line = describeError(failure);
    expectNoPersonalData(line);
    expect(line).toContain('SQLSTATE 23503');
  });

  it('through a raw statement (a NOT NULL violation whose detail is the whole row): SQLSTATE 23502, no values', async () => {
    lines.length = 0;
    const failure = await database
      .fork()
      .getConnection()
      .execute(
        'insert into dossier (id, applicant_personal_id, applicant_full_name, applicant_date_of_birth, applicant_permanent_address, applicant_current_address, applicant_phone, applicant_email) values (?, ?, ?, ?, ?, ?, ?, ?)',
        [randomUUID(), CITIZEN.personalId, CITIZEN.fullName, CITIZEN.dateOfBirth, CITIZEN.permanentAddress, CITIZEN.currentAddress, CITIZEN.phone, CITIZEN.email],
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    expect(JSON.stringify({ ...(failure as object), message: (failure as Error).message })).toContain(CITIZEN.fullName);

    logger.error({ err: failure }, 'unexpected error in a GraphQL request');
    const log = lines.join('');
    expectNoPersonalData(log);
    const entry = JSON.parse(lines.at(-1) ?? '{}') as { err?: Record<string, unknown> };
    expect(entry.err).toMatchObject({ sqlState: '23502', table: 'dossier', column: 'code' });
    expect(entry.err?.statement).toMatch(/^insert into dossier \(id, .*\) values \(\?, \?, \?, \?, \?, \?, \?, \?\)$/);
    expect(entry.err).not.toHaveProperty('detail');
  });
});
