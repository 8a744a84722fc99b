import { ErrorCode, UserError } from '../errors';

/**
 * The personal identification number (số định danh cá nhân) of the citizen
 * identity card: exactly 12 digits. The one definition of the rule, for
 * input, tokens and filters alike.
 */
const PERSONAL_ID = /^\d{12}$/;

/** What a caller is told when a personal id breaks the rule. */
export const PERSONAL_ID_MESSAGE = 'Số định danh cá nhân phải gồm đúng 12 chữ số.';

/** Whether `value` is a well-formed personal id (exactly 12 digits, nothing around them). */
export function isPersonalId(value: unknown): value is string {
  return typeof value === 'string' && PERSONAL_ID.test(value);
}

/** `value` when it is a well-formed personal id; else the caller's INVALID_INPUT error on `field`. */
export function checkPersonalId(value: string, field: string): string {
  if (!isPersonalId(value)) throw new UserError(ErrorCode.INVALID_INPUT, PERSONAL_ID_MESSAGE, field);
  return value;
}

/** A personal id typed by a person: spaces around it are dropped, then the rule applies. */
export function readPersonalId(typed: string, field: string): string {
  return checkPersonalId(typed.trim(), field);
}
