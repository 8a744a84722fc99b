import { describe, expect, it } from 'vitest';
import { Role } from '../auth';
import { ErrorCode } from '../errors';
import { DossierAction, DossierStatus, ReturnMethod } from './dossier.enums';
import { decide, type ActorFacts, type DossierFacts } from './lifecycle';

const S = DossierStatus;
const A = DossierAction;

/**
 * The contract's table, written out again by hand from
 * tests/contract/README.md so that the implementation is checked against
 * the text, not against itself. EXTEND (the status stays) is allowed while
 * the dossier is open at an agency: received, processing, or waiting for the
 * applicant.
 */
const CONTRACT: Record<DossierAction, { from: DossierStatus[]; to: DossierStatus | 'same' | 'next-or-result' | 'paid'; roles: Role[] }> = {
  [A.ACCEPT]: { from: [S.SUBMITTED], to: S.RECEIVED, roles: [Role.OFFICER] },
  [A.REJECT]: { from: [S.SUBMITTED], to: S.REJECTED, roles: [Role.OFFICER] },
  [A.FORWARD]: { from: [S.RECEIVED, S.PROCESSING], to: S.PROCESSING, roles: [Role.OFFICER] },
  // Issue 13: a step sent back to the agency before it; opinions asked of other agencies, and given.
  [A.SEND_BACK]: { from: [S.PROCESSING], to: S.PROCESSING, roles: [Role.OFFICER] },
  [A.CONSULT]: { from: [S.PROCESSING], to: 'same', roles: [Role.OFFICER] },
  [A.ANSWER_CONSULTATION]: { from: [S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT], to: 'same', roles: [Role.OFFICER] },
  [A.COMPLETE_STEP]: { from: [S.PROCESSING], to: 'next-or-result', roles: [Role.OFFICER] },
  // Issue 13: an online dossier may be asked to be completed before it is accepted (SUBMITTED), and supplied in part.
  [A.REQUEST_SUPPLEMENT]: { from: [S.SUBMITTED, S.RECEIVED, S.PROCESSING], to: S.SUPPLEMENT_REQUESTED, roles: [Role.OFFICER] },
  [A.SUPPLEMENT]: { from: [S.SUPPLEMENT_REQUESTED], to: S.PROCESSING, roles: [Role.CITIZEN, Role.OFFICER] },
  [A.SUPPLEMENT_PARTIAL]: { from: [S.SUPPLEMENT_REQUESTED], to: 'same', roles: [Role.CITIZEN, Role.OFFICER] },
  [A.REQUEST_PAYMENT]: { from: [S.PROCESSING], to: S.AWAITING_PAYMENT, roles: [Role.OFFICER] },
  // Issue 13: a dossier whose supplement never came is stopped; a stopped dossier's notice is handed back (RETURN).
  [A.STOP]: { from: [S.PROCESSING, S.SUPPLEMENT_REQUESTED], to: S.STOPPED, roles: [Role.OFFICER] },
  [A.WITHDRAW]: { from: [S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT], to: S.WITHDRAWN, roles: [Role.CITIZEN, Role.OFFICER] },
  [A.RETURN]: { from: [S.RESULT_READY, S.STOPPED], to: S.RETURNED, roles: [Role.OFFICER] },
  [A.EXTEND]: { from: [S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT], to: 'same', roles: [Role.OFFICER, Role.SUPERVISOR] },
  // Issue 12: paid at the counter, or waived by a supervisor; a dossier waiting for payment then goes back to processing.
  [A.RECORD_PAYMENT]: { from: [S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.RESULT_READY], to: 'paid', roles: [Role.OFFICER] },
  [A.WAIVE_OBLIGATIONS]: { from: [S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.RESULT_READY], to: 'paid', roles: [Role.SUPERVISOR] },
};

const everyone: ActorFacts = {
  roles: new Set([Role.CITIZEN, Role.OFFICER, Role.SUPERVISOR]),
  isApplicant: true,
  isReceivingAgencyOfficer: true,
  isCurrentAgencyOfficer: true,
  isConsultedAgencyOfficer: true,
};
const facts = (status: DossierStatus, more: Partial<DossierFacts> = {}): DossierFacts => ({
  status,
  returnMethod: ReturnMethod.COUNTER,
  hasStepInProgress: true,
  hasNextStep: true,
  received: true,
  hasPreviousStep: true,
  ...more,
});
const withReason = { reason: 'Lý do' };

describe('dossier state machine', () => {
  const pairs = Object.values(S).flatMap((status) => Object.values(A).map((action) => [status, action] as const));

  it.each(pairs)('%s × %s follows the contract table', (status, action) => {
    const expected = CONTRACT[action];
    const decision = decide(action, facts(status), everyone, withReason);
    if (!expected.from.includes(status)) {
      expect(decision).toMatchObject({ ok: false, code: ErrorCode.INVALID_TRANSITION });
      return;
    }
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    if (expected.to === 'same') expect(decision.to).toBe(status);
    else if (expected.to === 'paid') expect(decision.to).toBe(status === S.AWAITING_PAYMENT ? S.PROCESSING : status);
    else if (expected.to === 'next-or-result') expect(decision.to).toBe(S.PROCESSING);
    else expect(decision.to).toBe(expected.to);
  });

  it('covers all 170 pairs', () => {
    expect(pairs).toHaveLength(170);
  });

  const roleCases = Object.values(A).flatMap((action) => Object.values(Role).map((role) => [action, role] as const));
  it.each(roleCases)('%s by a %s alone is allowed only for the contract\'s roles', (action, role) => {
    const status = CONTRACT[action].from[0];
    const actor: ActorFacts = { ...everyone, roles: new Set([role]) };
    const decision = decide(action, facts(status), actor, withReason);
    if (CONTRACT[action].roles.includes(role)) expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, code: ErrorCode.FORBIDDEN });
  });

  describe('whose dossier, which agency', () => {
    const officer = (receiving: boolean, current: boolean): ActorFacts => ({
      roles: new Set([Role.OFFICER]),
      isApplicant: false,
      isReceivingAgencyOfficer: receiving,
      isCurrentAgencyOfficer: current,
    });

    it.each([
      [A.ACCEPT, S.SUBMITTED, 'receiving'],
      [A.REJECT, S.SUBMITTED, 'receiving'],
      [A.RETURN, S.RESULT_READY, 'receiving'],
      [A.WITHDRAW, S.PROCESSING, 'receiving'],
      [A.FORWARD, S.PROCESSING, 'current'],
      [A.COMPLETE_STEP, S.PROCESSING, 'current'],
      [A.REQUEST_SUPPLEMENT, S.PROCESSING, 'current'],
      [A.REQUEST_PAYMENT, S.PROCESSING, 'current'],
      [A.STOP, S.PROCESSING, 'current'],
      [A.EXTEND, S.PROCESSING, 'current'],
    ] as const)('%s from %s needs an officer of the %s agency', (action, status, which) => {
      const right = which === 'receiving' ? officer(true, false) : officer(false, true);
      const wrong = which === 'receiving' ? officer(false, true) : officer(true, false);
      expect(decide(action, facts(status), right, withReason).ok).toBe(true);
      expect(decide(action, facts(status), wrong, withReason)).toMatchObject({ ok: false, code: ErrorCode.FORBIDDEN });
    });

    it('SUPPLEMENT of a dossier asked before it was received goes back to waiting for reception, not to processing', () => {
      const applicant: ActorFacts = { roles: new Set([Role.CITIZEN]), isApplicant: true, isReceivingAgencyOfficer: false, isCurrentAgencyOfficer: false };
      expect(decide(A.SUPPLEMENT, facts(S.SUPPLEMENT_REQUESTED, { received: false }), applicant, {})).toMatchObject({ ok: true, to: S.SUBMITTED });
      expect(decide(A.SUPPLEMENT, facts(S.SUPPLEMENT_REQUESTED, { received: true }), applicant, {})).toMatchObject({ ok: true, to: S.PROCESSING });
    });

    it('a stopped dossier\'s notice is handed over at the counter even when its result was to go by post', () => {
      expect(decide(A.RETURN, facts(S.STOPPED, { returnMethod: ReturnMethod.POST }), officer(true, false), {})).toMatchObject({ ok: true, to: S.RETURNED });
    });

    it('SUPPLEMENT: the applicant, or an officer of the receiving or the current agency', () => {
      const citizen = (own: boolean): ActorFacts => ({ roles: new Set([Role.CITIZEN]), isApplicant: own, isReceivingAgencyOfficer: false, isCurrentAgencyOfficer: false });
      expect(decide(A.SUPPLEMENT, facts(S.SUPPLEMENT_REQUESTED), citizen(true), {}).ok).toBe(true);
      expect(decide(A.SUPPLEMENT, facts(S.SUPPLEMENT_REQUESTED), citizen(false), {})).toMatchObject({ ok: false, code: ErrorCode.FORBIDDEN });
      expect(decide(A.SUPPLEMENT, facts(S.SUPPLEMENT_REQUESTED), officer(true, false), {}).ok).toBe(true);
      expect(decide(A.SUPPLEMENT, facts(S.SUPPLEMENT_REQUESTED), officer(false, true), {}).ok).toBe(true);
      expect(decide(A.SUPPLEMENT, facts(S.SUPPLEMENT_REQUESTED), officer(false, false), {})).toMatchObject({ ok: false, code: ErrorCode.FORBIDDEN });
    });

    it('WITHDRAW: only the applicant among citizens', () => {
      const other: ActorFacts = { roles: new Set([Role.CITIZEN]), isApplicant: false, isReceivingAgencyOfficer: false, isCurrentAgencyOfficer: false };
      expect(decide(A.WITHDRAW, facts(S.RECEIVED), other, {})).toMatchObject({ ok: false, code: ErrorCode.FORBIDDEN });
    });

    it('a supervisor may EXTEND any dossier but do nothing else', () => {
      const supervisor: ActorFacts = { roles: new Set([Role.SUPERVISOR]), isApplicant: false, isReceivingAgencyOfficer: false, isCurrentAgencyOfficer: false };
      expect(decide(A.EXTEND, facts(S.PROCESSING), supervisor, withReason).ok).toBe(true);
      expect(decide(A.FORWARD, facts(S.PROCESSING), supervisor, withReason)).toMatchObject({ ok: false, code: ErrorCode.FORBIDDEN });
    });
  });

  describe('inter-agency steps', () => {
    it('COMPLETE_STEP moves to the next step, or to RESULT_READY after the last', () => {
      expect(decide(A.COMPLETE_STEP, facts(S.PROCESSING, { hasNextStep: true }), everyone, {})).toEqual({ ok: true, to: S.PROCESSING, startsNextStep: true, finishesStep: true });
      expect(decide(A.COMPLETE_STEP, facts(S.PROCESSING, { hasNextStep: false }), everyone, {})).toEqual({ ok: true, to: S.RESULT_READY, startsNextStep: false, finishesStep: true });
    });

    it('COMPLETE_STEP before any step started is refused', () => {
      expect(decide(A.COMPLETE_STEP, facts(S.PROCESSING, { hasStepInProgress: false }), everyone, {})).toMatchObject({ ok: false, code: ErrorCode.INVALID_TRANSITION });
    });

    it('FORWARD from RECEIVED starts the first step; from PROCESSING finishes this one and starts the next', () => {
      expect(decide(A.FORWARD, facts(S.RECEIVED, { hasStepInProgress: false }), everyone, {})).toEqual({ ok: true, to: S.PROCESSING, startsNextStep: true, finishesStep: false });
      expect(decide(A.FORWARD, facts(S.PROCESSING), everyone, {})).toEqual({ ok: true, to: S.PROCESSING, startsNextStep: true, finishesStep: true });
    });

    it('FORWARD at the last step is refused: there is no one to forward to', () => {
      expect(decide(A.FORWARD, facts(S.PROCESSING, { hasNextStep: false }), everyone, {})).toMatchObject({ ok: false, code: ErrorCode.INVALID_TRANSITION });
    });
  });

  it('RETURN at the counter only: by post, RETURNED comes from the delivery report', () => {
    expect(decide(A.RETURN, facts(S.RESULT_READY, { returnMethod: ReturnMethod.POST }), everyone, {})).toMatchObject({ ok: false, code: ErrorCode.INVALID_TRANSITION });
  });

  it.each([A.REJECT, A.STOP, A.REQUEST_SUPPLEMENT, A.EXTEND])('%s needs a reason', (action) => {
    const status = CONTRACT[action].from[0];
    expect(decide(action, facts(status), everyone, { reason: '  ' })).toMatchObject({ ok: false, code: ErrorCode.INVALID_INPUT, field: 'input.reason' });
    expect(decide(action, facts(status), everyone, {})).toMatchObject({ ok: false, code: ErrorCode.INVALID_INPUT });
  });

  it('every refusal has a Vietnamese message', () => {
    for (const [status, action] of pairs) {
      const decision = decide(action, facts(status), { ...everyone, roles: new Set() }, {});
      if (!decision.ok) expect(decision.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
    }
  });
});
