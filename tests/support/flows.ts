import type { TestHub } from './hub';
import { contractOperation } from './operations';
import { CITIZEN_ID } from './tokens';

/** Required component codes of bundled procedures used by the tests. */
export const PROCEDURES = {
  /** Đổi giấy phép lái xe, Công an cấp xã (as the national catalogue has it), 5 working days, fee LP01 135,000 at the counter. */
  drivingLicence: { code: '3.000347', agency: '000.00.96.H56', components: ['3.000347.TP01', '3.000347.TP03'] },
  /** Phiếu lý lịch tư pháp (3.000333, formerly 2.000488), Công an tỉnh, 10 calendar days, also by post; fees depend on the case. */
  criminalRecord: { code: '3.000333', agency: '000.00.91.H56', components: ['3.000333.TP01', '3.000333.TP02'] },
  /** Land (Sở NN&MT) then the Chairman of UBND tỉnh: two agencies. */
  landTransfer: { code: '1.115505', agency: '000.00.84.H56', components: ['TP-H56.0000067', 'TP-H56.0000225', 'TP-H56.0000227', 'TP-H56.0000228'] },
} as const;

/** The fees paid in cash at the counter as a dossier is received (ReceiveDossierInput.payment): it may then be RETURNED. */
export const PAID_AT_COUNTER = { method: 'CASH', receiptNumber: 'BL-2026/0001' } as const;

export interface ReceivedDossier {
  code: string;
  version: number;
}

/** Receives a dossier at the counter with ReceiveDossier, as the officer whose headers are given. */
export async function receive(
  t: TestHub,
  headers: Record<string, string>,
  procedure: { code: string; components: readonly string[] },
  applicant: { personalId?: string; fullName?: string; phone?: string } = {},
  extra: Record<string, unknown> = {},
): Promise<ReceivedDossier> {
  const res = await t.gql<{ receiveDossier: { dossier: { code: string } | null; userErrors: Array<{ message: string }> } }>(
    contractOperation('ReceiveDossier'),
    {
      input: {
        procedureCode: procedure.code,
        channel: 'COUNTER',
        applicant: { personalId: applicant.personalId ?? CITIZEN_ID, consentToken: '123456', ...(applicant.fullName ? { fullName: applicant.fullName } : {}), ...(applicant.phone ? { phone: applicant.phone } : {}) },
        components: procedure.components.map((code) => ({ code })),
        ...extra,
      },
    },
    headers,
  );
  const dossier = res.data?.receiveDossier.dossier;
  if (!dossier) throw new Error(`reception failed: ${JSON.stringify(res.errors ?? res.data?.receiveDossier.userErrors)}`);
  return { code: dossier.code, version: 1 };
}

/** Runs TransitionDossier; answers the raw response. */
export function transition(t: TestHub, headers: Record<string, string>, code: string, action: string, expectedVersion: number, input: Record<string, unknown> | null = null) {
  return t.gql<{ transitionDossier: { dossier: { status: string; version: number } | null; userErrors: Array<{ code: string; field: string | null; message: string }> } }>(
    contractOperation('TransitionDossier'),
    { code, action, input, expectedVersion },
    headers,
  );
}
