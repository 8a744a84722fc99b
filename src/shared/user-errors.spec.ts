import { describe, expect, it } from 'vitest';
import { ErrorCode, UserError } from '../errors';
import { withUserErrors } from './user-errors';

describe('withUserErrors', () => {
  it('answers the payload with no userErrors when the mutation succeeds', async () => {
    expect(await withUserErrors(() => Promise.resolve({ dossier: 'D1' }), { dossier: null })).toEqual({ dossier: 'D1', userErrors: [] });
  });

  it("turns a caller's mistake into the one userErrors entry, with the payload's empty fields", async () => {
    const run = () => Promise.reject(new UserError(ErrorCode.INVALID_INPUT, 'Sai.', 'input.code'));
    expect(await withUserErrors(run, { dossier: null })).toEqual({
      dossier: null,
      userErrors: [{ field: 'input.code', message: 'Sai.', code: ErrorCode.INVALID_INPUT }],
    });
  });

  it('throws anything else on', async () => {
    await expect(withUserErrors(() => Promise.reject(new Error('bug')), {})).rejects.toThrow('bug');
  });
});
