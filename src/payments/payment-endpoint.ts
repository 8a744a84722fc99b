import express, { type Express } from 'express';
import { applyConfirmation, type ConfirmationDependencies, type ConfirmOutcome } from './payment.service';

/** Where the national payment platform sends its CONFIRM callbacks. */
export const PAYMENT_CONFIRM_PATH = '/payments/confirm';

/** The platform is told its message was taken (error_code 0) when it was applied, repeated or flagged; refused otherwise. */
const ANSWERS: Record<ConfirmOutcome, { status: number; body: { error_code: string; message: string } }> = {
  SETTLED: { status: 200, body: { error_code: '0', message: 'Đã ghi nhận' } },
  FAILED: { status: 200, body: { error_code: '0', message: 'Đã ghi nhận giao dịch không thành công' } },
  REPEAT: { status: 200, body: { error_code: '0', message: 'Đã ghi nhận trước đó' } },
  FLAGGED: { status: 200, body: { error_code: '0', message: 'Đã ghi nhận, chờ đối soát' } },
  REFUSED: { status: 400, body: { error_code: '1', message: 'Bản tin không hợp lệ' } },
};

/** POST /payments/confirm: JSON only, 64 KiB at most; nothing of the message is echoed back. */
export function mountPaymentEndpoint(app: Express, deps: ConfirmationDependencies): void {
  app.post(PAYMENT_CONFIRM_PATH, express.json({ limit: '64kb', type: () => true }), (req, res, next) => {
    applyConfirmation(req.body, deps).then(
      (outcome) => {
        const answer = ANSWERS[outcome];
        res.status(answer.status).json(answer.body);
      },
      (error: unknown) => next(error),
    );
  });
}
