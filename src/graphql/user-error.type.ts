import { Field, ObjectType } from 'type-graphql';
import { ErrorCode } from '../errors';
import type { UserErrorEntry } from '../shared/user-errors';

/** A mistake the caller can fix, in a mutation's payload; nothing was changed. */
@ObjectType('UserError', { description: 'A mistake the caller can fix; the mutation changed nothing' })
export class UserErrorType implements UserErrorEntry {
  @Field(() => String, { nullable: true, description: 'Input path the error concerns, e.g. components[1].code' })
  field!: string | null;

  @Field(() => String, { description: 'Vietnamese, fit to show to a citizen or an officer' })
  message!: string;

  @Field(() => String, { description: `One of ${Object.values(ErrorCode).slice(0, 7).join(', ')}` })
  code!: string;
}
