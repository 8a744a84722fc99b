import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { CalendarDay, CalendarDayKind } from '../catalog';
import type { HubContext } from '../graphql/context';
import { UserErrorType } from '../graphql/user-error.type';
import { withUserErrors } from '../shared/user-errors';
import type { CalendarDayEntry } from './calendar-admin.service';

@InputType({ description: "A day off or make-up working day of the year's official notice" })
export class CalendarDayInput implements CalendarDayEntry {
  @Field(() => String, { description: 'Local date, YYYY-MM-DD' })
  date!: string;

  @Field(() => CalendarDayKind)
  kind!: CalendarDayKind;

  @Field(() => String, { description: 'For display, e.g. "Tết Nguyên đán"' })
  name!: string;

  @Field(() => String, { description: 'The official notice (number, date) and where it was read' })
  notice!: string;

  @Field(() => Boolean, { nullable: true, description: 'Read in the notice itself (default false: only a secondary source reports it)' })
  verified?: boolean | null;
}

@ObjectType({ description: 'A due time a newly loaded calendar moved' })
export class DueTimeMoveType {
  @Field(() => String)
  dossierCode!: string;

  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;
}

@ObjectType()
export class LoadCalendarPayload {
  @Field(() => [CalendarDay], { description: 'The days of the years loaded, as they are now' })
  days!: CalendarDay[];

  @Field(() => [DueTimeMoveType], { description: 'Open dossiers whose due time the change moved (each with a RECALCULATE_DUE history entry)' })
  dueTimesMoved!: DueTimeMoveType[];

  @Field(() => [UserErrorType])
  userErrors!: UserErrorType[];
}

@Resolver()
export class CalendarAdminResolver {
  @Mutation(() => LoadCalendarPayload, {
    description:
      "Loads the official days off and make-up days (the year's notice): the years given are replaced whole, and open dossiers whose due time they move get the new one, with history; supervisors only",
  })
  loadCalendar(@Ctx() ctx: HubContext, @Arg('days', () => [CalendarDayInput]) days: CalendarDayInput[]): Promise<LoadCalendarPayload> {
    return withUserErrors(async () => {
      const { days: loaded, moved } = await ctx.services.calendar.load(days);
      return { days: loaded, dueTimesMoved: moved };
    }, { days: [], dueTimesMoved: [] });
  }
}
