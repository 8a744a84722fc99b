import { Arg, Ctx, Field, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../auth';
import { Dossier, DossierStatus, DossierTracking, HallBoard, trackingView } from '../dossiers';
import { AccessError, ErrorCode, UserError } from '../errors';
import type { HubContext } from '../graphql/context';
import type { LiveSignal } from './dossier-changes';

@ObjectType({ description: "A change of a dossier in an agency's worklist" })
export class WorklistChange {
  @Field(() => Boolean, { description: 'True: the hub lost its connection to the database for a while and changes may have been missed; reload the worklist (the other fields are null)' })
  resync!: boolean;

  @Field(() => String, { nullable: true })
  code!: string | null;

  @Field(() => Dossier, { nullable: true, description: 'The dossier as it is now; null when the viewer may no longer see it (it went on to another agency)' })
  dossier!: Dossier | null;

  @Field(() => DossierStatus, { nullable: true, description: 'Its status before the change; null for a new dossier' })
  fromStatus!: DossierStatus | null;

  @Field(() => DossierStatus, { nullable: true })
  toStatus!: DossierStatus | null;
}

/** What a subscription's resolver receives for each event: the signal, or the first answer at subscribing. */
type Event = LiveSignal | { kind: 'initial'; seq: null };

/** The first answer at once, then one per signal. */
async function* startingWith(signals: AsyncIterableIterator<LiveSignal>): AsyncGenerator<Event> {
  try {
    yield { kind: 'initial', seq: null };
    yield* signals;
  } finally {
    await signals.return?.();
  }
}

/** A string argument as graphql-js coerced it (the subscribe function gets them untyped); null when absent. */
function argument(args: unknown, name: string): string | null {
  const value = (args as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

function live(ctx: HubContext) {
  const changes = ctx.services.live;
  if (!changes) throw new UserError(ErrorCode.INVALID_INPUT, 'Cập nhật trực tiếp đang tắt trên hệ thống này.');
  return changes;
}

/** Subscriptions run long: each event is answered on a fresh unit of work, with the token checked again. */
async function renew(ctx: HubContext): Promise<void> {
  await ctx.renew?.();
}

@Resolver()
export class LiveResolver {
  @Query(() => HallBoard, { description: "The hall's status board of a centre: results ready for pickup and dossiers received today (public, codes partly masked)" })
  hallBoard(@Ctx() ctx: HubContext, @Arg('agencyCode', () => String) agencyCode: string): Promise<HallBoard> {
    return ctx.services.board.board(agencyCode);
  }

  @Subscription(() => DossierTracking, {
    description: "A dossier's tracking view (public, as trackDossier): now, then again at each change of the dossier",
    subscribe: async ({ args, context }) => {
      const ctx = context as HubContext;
      const changes = live(ctx);
      const found = await ctx.services.dossiers.track(argument(args, 'code') ?? '');
      if (!found) throw new UserError(ErrorCode.NOT_FOUND, 'Không tìm thấy hồ sơ có mã này.', 'code');
      return startingWith(changes.subscribe((change) => change.id === found.id));
    },
  })
  async dossierTracking(@Ctx() ctx: HubContext, @Arg('code', () => String) code: string): Promise<DossierTracking> {
    await renew(ctx);
    const view = await trackingView(ctx, code);
    if (!view) throw new UserError(ErrorCode.NOT_FOUND, 'Không tìm thấy hồ sơ có mã này.', 'code');
    return view;
  }

  @Subscription(() => HallBoard, {
    name: 'hallBoard',
    description: 'The hall board of a centre (as hallBoard): now, then again whenever a dossier it receives changes: results ready for pickup, dossiers received',
    subscribe: async ({ args, context }) => {
      const ctx = context as HubContext;
      const changes = live(ctx);
      const agency = await ctx.services.catalog.agencyByCode(argument(args, 'agencyCode') ?? '');
      return startingWith(changes.subscribe((change) => change.agencyIds.includes(agency.id)));
    },
  })
  async hallBoardChanged(@Root() event: Event, @Ctx() ctx: HubContext, @Arg('agencyCode', () => String) agencyCode: string): Promise<HallBoard> {
    await renew(ctx);
    // The board is public, the same for every watcher: read once per change for all of this process's boards of that agency.
    if (event.seq === null) return ctx.services.board.board(agencyCode);
    const board = ctx.services.board;
    return live(ctx).sharedAnswer(`hallBoard:${agencyCode}`, event.seq, () => board.board(agencyCode));
  }

  @Subscription(() => WorklistChange, {
    description: "Changes of the dossiers in an agency's worklist (received by it, at it, or leaving it): officers their own agency, supervisors any agency or, without one, all",
    subscribe: async ({ args, context }) => {
      const ctx = context as HubContext;
      const changes = live(ctx);
      const user = ctx.services.access.requireRole(Role.OFFICER, Role.SUPERVISOR);
      const wanted = argument(args, 'agencyCode');
      let agencyId: string | null = null;
      if (!user.roles.has(Role.SUPERVISOR)) {
        if (wanted !== null && wanted !== user.agencyCode) throw new AccessError(ErrorCode.FORBIDDEN, 'Cán bộ chỉ theo dõi được danh sách hồ sơ của cơ quan mình.');
        agencyId = await ctx.services.access.officerAgencyId();
        if (agencyId === null) throw new AccessError(ErrorCode.FORBIDDEN, 'Cơ quan của bạn không có trong danh mục.');
      } else if (wanted !== null) {
        agencyId = (await ctx.services.catalog.agencyByCode(wanted)).id;
      }
      const id = agencyId;
      return changes.subscribe((change) => id === null || change.agencyIds.includes(id));
    },
  })
  async worklistChanges(
    @Root() signal: LiveSignal,
    @Ctx() ctx: HubContext,
    @Arg('agencyCode', () => String, { nullable: true, description: "Officers: their own (the default); supervisors: any, or none for all" }) _agencyCode: string | null,
  ): Promise<WorklistChange> {
    if (signal.kind !== 'change') return { resync: true, code: null, dossier: null, fromStatus: null, toStatus: null };
    await renew(ctx);
    // The token is checked again at each event: one that expired meanwhile hears nothing more, not even codes.
    ctx.services.access.requireRole(Role.OFFICER, Role.SUPERVISOR);
    const { change } = signal;
    const dossier = await ctx.em.findOne(Dossier, change.id);
    const visible = dossier !== null && (await ctx.services.access.canSee(dossier));
    return { resync: false, code: change.code, dossier: visible ? dossier : null, fromStatus: change.from, toStatus: change.to };
  }
}
