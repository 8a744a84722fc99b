import { Field, ObjectType } from 'type-graphql';

/** Identity data from the national population database. */
@ObjectType({ description: 'Identity data from the national population database (CSDLQG về dân cư)' })
export class Citizen {
  @Field(() => String)
  personalId!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true })
  gender!: string | null;

  @Field(() => String, { nullable: true })
  permanentAddress!: string | null;

  @Field(() => String, { nullable: true })
  currentAddress!: string | null;
}
