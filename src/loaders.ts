import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Agency } from './catalog/agency.entity';
import { Procedure } from './catalog/procedure.entity';
import { ProcedureVersion } from './catalog/procedure-version.entity';
import { ProcedureChannel, ProcedureComponent, ProcedureFee, ProcedureStep } from './catalog/procedure-parts.entity';
import { Document } from './documents/document.entity';
import { DossierComponent, DossierFee } from './dossiers/dossier.entity';
import { Apology, Consultation, DossierHistory, DossierStep, SupplementRequest } from './dossiers/lifecycle.entity';
import { PostalShipment } from './postal/shipment.entity';
import { calendarHorizon } from './dossiers/deadlines';

/** Rows by primary key, one `IN` query per batch. */
function byId<E extends { id: string }>(em: EntityManager, entity: EntityName<E>): DataLoader<string, E | undefined> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<E>);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id));
  });
}

/** Children grouped by their parent's id, one `IN` query per batch. */
function childrenOf<E extends object>(
  em: EntityManager,
  entity: EntityName<E>,
  parent: string,
  parentIdOf: (row: E) => string,
  orderBy: QueryOrderMap<E>,
): DataLoader<string, E[]> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity, { [parent]: { $in: [...ids] } } as FilterQuery<E>, { orderBy });
    const groups = new Map<string, E[]>(ids.map((id) => [id, []]));
    for (const row of rows) groups.get(parentIdOf(row))?.push(row);
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/** A procedure's versions by `procedureId:version`, one query per batch. */
function procedureVersions(em: EntityManager): DataLoader<string, ProcedureVersion | undefined> {
  return new DataLoader(async (keys) => {
    const wanted = keys.map((key) => {
      const [procedure, version] = key.split(':');
      return { procedure: procedure ?? '', version: Number(version) };
    });
    const rows = await em.find(ProcedureVersion, { $or: wanted });
    const map = new Map(rows.map((row) => [`${row.procedure.id}:${row.version}`, row]));
    return keys.map((key) => map.get(key));
  });
}

/**
 * Per-request batch loaders: a page of procedures or dossiers with their
 * nested agencies, components, fees and steps costs one statement per kind
 * of relation, whatever the page size.
 */
export function createLoaders(em: EntityManager) {
  let horizon: Promise<string | null> | undefined;
  return {
    /** The last day of the loaded official calendar, read once per request. */
    calendarHorizon: () => (horizon ??= calendarHorizon(em)),
    agency: byId(em, Agency),
    procedure: byId(em, Procedure),
    procedureVersion: procedureVersions(em),
    procedureChannels: childrenOf(em, ProcedureChannel, 'procedure', (r) => r.procedure.id, { channel: 'asc' }),
    procedureFees: childrenOf(em, ProcedureFee, 'procedure', (r) => r.procedure.id, { code: 'asc' }),
    procedureComponents: childrenOf(em, ProcedureComponent, 'procedure', (r) => r.procedure.id, { position: 'asc' }),
    procedureSteps: childrenOf(em, ProcedureStep, 'procedure', (r) => r.procedure.id, { order: 'asc' }),
    dossierComponents: childrenOf(em, DossierComponent, 'dossier', (r) => r.dossier.id, { position: 'asc' }),
    dossierFees: childrenOf(em, DossierFee, 'dossier', (r) => r.dossier.id, { code: 'asc' }),
    document: byId(em, Document),
    dossierSteps: childrenOf(em, DossierStep, 'dossier', (r) => r.dossier.id, { order: 'asc' }),
    // Entries of one instant in the order they were written (the hash chain's sequence), never by their random ids.
    dossierHistory: childrenOf(em, DossierHistory, 'dossier', (r) => r.dossier.id, { at: 'asc', chainSeq: 'asc' }),
    dossierApologies: childrenOf(em, Apology, 'dossier', (r) => r.dossier.id, { issuedAt: 'asc' }),
    dossierConsultations: childrenOf(em, Consultation, 'dossier', (r) => r.dossier.id, { requestedAt: 'asc' }),
    dossierSupplementRequests: childrenOf(em, SupplementRequest, 'dossier', (r) => r.dossier.id, { requestedAt: 'asc' }),
    dossierShipments: childrenOf(em, PostalShipment, 'dossier', (r) => r.dossier.id, { createdAt: 'asc', orderNumber: 'asc' }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
