import { Field, ObjectType } from 'type-graphql';
import type { CitizenRecord } from './population.port';

/** Identity data from the national population database. */
@ObjectType({ description: 'Identity data from the national population database (CSDLQG về dân cư)' })
export class Citizen {
  @Field(() => String)
  personalId!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true, description: 'MALE or FEMALE' })
  gender!: string | null;

  @Field(() => String, { nullable: true })
  permanentAddress!: string | null;

  @Field(() => String, { nullable: true })
  currentAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'Quê quán' })
  hometown!: string | null;

  @Field(() => String, { nullable: true })
  ethnicity!: string | null;

  @Field(() => String, { nullable: true })
  nationality!: string | null;

  /** Only what a counter needs: the record is minimised (DOMAIN.md §7), family members are not passed on. */
  static from(record: CitizenRecord): Citizen {
    return {
      personalId: record.personalId,
      fullName: record.name.full,
      dateOfBirth: record.dateOfBirth,
      gender: record.gender,
      permanentAddress: record.permanentAddress.text,
      currentAddress: record.currentAddress.text,
      hometown: record.hometown.text,
      ethnicity: record.ethnicity,
      nationality: record.nationality,
    };
  }
}
