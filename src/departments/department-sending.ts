import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Database } from '../db/database';
import { Agency, Procedure } from '../catalog';
import { Dossier, DossierStep, HistoryAction, recordHistory, type StepStartedHook } from '../dossiers';
import { UpstreamError } from '../errors';
import type { DeliveryHandler, Outbox } from '../outbox';
import { PermanentDeliveryError } from '../outbox';
import type { Clock } from '../shared/clock';
import type { DepartmentDirectory, DepartmentEntry } from './department-directory';
import { DepartmentRefusedError, type DepartmentSystem, type OutgoingDossier } from './department.port';

/** The outbox topic that sends a dossier to one department's system: `<instance>.send-dossier`. */
export const sendTopic = (instance: string): string => `${instance}.send-dossier`;

interface SendPayload {
  dossierId: string;
  dossierCode: string;
  stepId: string;
}

/**
 * The dossiers feature's hook: a step that starts at an agency with a
 * system of its own is marked for that system and its sending is written
 * to the outbox, in the transaction that starts the step (so a FORWARD
 * that rolls back sends nothing, and one that commits is never lost).
 */
export function sendOnStepStart(directory: DepartmentDirectory, outbox: Outbox): StepStartedHook {
  return async (tx, { dossier, step }) => {
    const department = directory.forAgency(step.agency.id);
    if (!department) return;
    step.departmentSystem = department.instance;
    step.syncError = null;
    const payload: SendPayload = { dossierId: dossier.id, dossierCode: dossier.code, stepId: step.id };
    // One key per start of the step: the department answers the same reference to a repeat of this sending.
    const key = `${sendTopic(department.instance)}:${step.id}:${(step.startedAt ?? new Date(0)).toISOString()}`;
    await outbox.enqueue(tx, { topic: sendTopic(department.instance), payload: { ...payload }, idempotencyKey: key });
  };
}

interface ComponentRow {
  code: string;
  name: string;
  kind: string;
  file_name: string | null;
  content_type: string | null;
  size: number | null;
  content: Uint8Array | null;
}

/** The dossier as the department receives it for `step`, read in `em` (its documents' bytes included). */
export async function outgoingDossier(em: EntityManager, dossier: Dossier, step: DossierStep, sendingKey: string): Promise<OutgoingDossier> {
  const procedure = await em.findOneOrFail(Procedure, dossier.procedure.id);
  const receiving = await em.findOneOrFail(Agency, dossier.receivingAgency.id);
  const rows = await em.execute<ComponentRow[]>(
    `select c.code, c.name, c.kind, c.file_name, d.content_type, d.size, b.content
       from dossier_component c
       left join document d on d.id = c.document_id
       left join document_blob b on b.sha256 = d.sha256
      where c.dossier_id = ? order by c.position`,
    [dossier.id],
  );
  await dossier.fees.init();
  const fees = dossier.fees.getItems().map((fee) => ({ code: fee.code, name: fee.name, amount: fee.amount }));
  const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
  const { applicant } = dossier;
  return {
    sendingKey,
    code: dossier.code,
    step: { order: step.order, name: step.name, dueAt: iso(step.dueAt), startedAt: iso(step.startedAt) },
    procedure: { code: procedure.code, name: procedure.name },
    applicant: {
      fullName: applicant.fullName,
      personalId: applicant.personalId,
      phone: applicant.phone,
      email: applicant.email,
      address: applicant.currentAddress ?? applicant.permanentAddress,
    },
    receivingAgency: { code: receiving.code, name: receiving.name },
    receivedAt: iso(dossier.receivedAt),
    dueAt: iso(dossier.dueAt),
    channel: dossier.channel,
    fees,
    feeTotal: fees.reduce((sum, fee) => sum + fee.amount, 0),
    components: rows.map((row) => ({
      code: row.code,
      name: row.name,
      kind: row.kind,
      fileName: row.file_name,
      contentType: row.content_type,
      sizeBytes: row.size === null ? null : Number(row.size),
      contentBase64: row.content === null ? null : Buffer.from(row.content).toString('base64'),
    })),
    note: null,
  };
}

/** The history's actor for what a department's system did. */
export const systemActor = (department: DepartmentEntry) => ({ id: `department:${department.instance}`, name: department.system, agencyId: department.agencyId });

/**
 * Delivers `<instance>.send-dossier`: sends the dossier to the step's
 * department system and, with the message's DELIVERED mark, keeps the
 * reference on the step and a history entry. A department that refuses
 * the dossier (a client fault, or a mapping that cannot make a request of
 * it) sends the message to the dead-letter list with its reason, for a
 * supervisor; a department down is retried by the outbox (its own
 * breaker keeps the others going). A step that is no longer at that
 * department (completed by hand, sent back) is not sent.
 */
export function sendDossierHandler(deps: { database: Database; department: DepartmentEntry; port: DepartmentSystem; clock: Clock }): DeliveryHandler {
  const { database, department, port, clock } = deps;
  return async (raw, context) => {
    const payload = raw as unknown as SendPayload;
    const em = database.fork();
    const step = await em.findOne(DossierStep, payload.stepId);
    const dossier = step ? await em.findOne(Dossier, step.dossier.id) : null;
    if (!step || !dossier || step.departmentSystem !== department.instance || step.sentAt !== null) return {};
    const outgoing = await outgoingDossier(em, dossier, step, context.idempotencyKey);
    const failed = async (message: string) => {
      await database.fork().nativeUpdate(DossierStep, { id: step.id }, { syncError: message.slice(0, 2000), lastSyncAt: clock.now() });
    };
    let reference: string;
    try {
      ({ reference } = await port.send(outgoing));
    } catch (error) {
      if (error instanceof DepartmentRefusedError) {
        await failed(error.message);
        throw new PermanentDeliveryError(error.message, { cause: error });
      }
      await failed(error instanceof UpstreamError ? error.message : `Không gửi được hồ sơ tới ${department.system}; sẽ thử lại.`);
      throw error;
    }
    return {
      apply: async (tx) => {
        const now = clock.now();
        // The dossier's row lock first, as every change of a dossier takes it: a report applied meanwhile waits, never deadlocks.
        const owner = await tx.findOne(Dossier, dossier.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const current = await tx.findOne(DossierStep, step.id);
        if (!current || !owner) return;
        current.externalReference ??= reference;
        current.sentAt = now;
        current.lastSyncAt = now;
        current.syncError = null;
        recordHistory(tx, owner, {
          action: HistoryAction.SEND_TO_DEPARTMENT,
          from: owner.status,
          to: owner.status,
          actor: systemActor(department),
          at: now,
          note: `${department.system} đã nhận hồ sơ cho bước ${current.order} (${current.name}), số tham chiếu ${reference}.`,
        });
      },
    };
  };
}
