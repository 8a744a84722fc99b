import express, { type Express } from 'express';
import { applyPostalCallback, type CallbackOutcome, type PostalDependencies } from './postal.service';

/** Where the postal service sends its status callbacks. */
export const POSTAL_CALLBACK_PATH = '/postal/callback';

/** The post is told its callback was taken when it was applied or repeated; refused otherwise. */
const ANSWERS: Record<CallbackOutcome, { status: number; body: { Status: string; Message: string } }> = {
  APPLIED: { status: 200, body: { Status: '100', Message: 'Đã ghi nhận' } },
  REPEAT: { status: 200, body: { Status: '100', Message: 'Đã ghi nhận trước đó' } },
  REFUSED: { status: 400, body: { Status: '201', Message: 'Bản tin không hợp lệ' } },
};

/** POST /postal/callback: the raw body (its signature covers the bytes), 64 KiB at most; nothing of the message is echoed back. */
export function mountPostalEndpoint(app: Express, deps: PostalDependencies): void {
  app.post(POSTAL_CALLBACK_PATH, express.text({ limit: '64kb', type: () => true }), (req, res, next) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    const signature = req.get('x-signature');
    applyPostalCallback(raw, signature, deps).then(
      (outcome) => {
        const answer = ANSWERS[outcome];
        res.status(answer.status).json(answer.body);
      },
      (error: unknown) => next(error),
    );
  });
}
