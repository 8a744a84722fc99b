import { describe, expect, it } from 'vitest';
import { ErrorCode, UserError } from '../errors';
import { checkPersonalId, isPersonalId, PERSONAL_ID_MESSAGE, readPersonalId } from './personal-id';

describe('the personal-id rule', () => {
  it.each(['038095001234', '000000000000'])('takes %s', (id) => {
    expect(isPersonalId(id)).toBe(true);
    expect(checkPersonalId(id, 'personalId')).toBe(id);
  });

  it.each(['03809500123', '0380950012345', '03809500123a', ' 038095001234', '038095001234\n', '０３８０９５００１２３４', ''])('refuses %j', (id) => {
    expect(isPersonalId(id)).toBe(false);
    expect(() => checkPersonalId(id, 'input.applicant.personalId')).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field: 'input.applicant.personalId', message: PERSONAL_ID_MESSAGE }) as UserError,
    );
  });

  it('is not fooled by values that are not strings', () => {
    expect(isPersonalId(null)).toBe(false);
    expect(isPersonalId(38095001234)).toBe(false);
  });

  it('drops the spaces around a typed id, and only those', () => {
    expect(readPersonalId('  038095001234 ', 'personalId')).toBe('038095001234');
    expect(() => readPersonalId('038 095 001 234', 'personalId')).toThrow(UserError);
  });
});
