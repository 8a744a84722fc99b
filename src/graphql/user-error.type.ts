import { Field, ObjectType } from 'type-graphql';
import { ErrorCode, type UserError } from '../errors';

/** A mistake the caller can fix, in a mutation's payload; nothing was changed. */
@ObjectType('UserError', { description: 'A mistake the caller can fix; the mutation changed nothing' })
export class UserErrorType {
  @Field(() => String, { nullable: true, description: 'Input path the error concerns, e.g. components[1].code' })
  field!: string | null;

  @Field(() => String, { description: 'Vietnamese, fit to show to a citizen or an officer' })
  message!: string;

  @Field(() => String, { description: `One of ${Object.values(ErrorCode).slice(0, 7).join(', ')}` })
  code!: string;

  static from(error: UserError): UserErrorType {
    return { field: error.field, message: error.message, code: error.code };
  }
}
