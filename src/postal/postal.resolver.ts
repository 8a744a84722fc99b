import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Dossier, DossierPayloadType, ReturnMethod, type DossierPayload } from '../dossiers';
import type { HubContext } from '../graphql/context';
import { withUserErrors } from '../shared/user-errors';
import { PostalShipment, ShipmentEvent } from './shipment.entity';

@InputType({ description: 'How the result goes back: at the counter, or by post to an address (with a phone for the postman)' })
export class ReturnMethodInput {
  @Field(() => ReturnMethod)
  returnMethod!: ReturnMethod;

  @Field(() => String, { nullable: true, description: 'Required when returnMethod is POST' })
  deliveryAddress?: string | null;

  @Field(() => String, { nullable: true, description: "The applicant's phone, when it changes (required for POST if the dossier has none)" })
  phone?: string | null;
}

export const ChangeReturnMethodPayload = DossierPayloadType('ChangeReturnMethodPayload');

@Resolver(() => Dossier)
export class DossierShipmentsResolver {
  @FieldResolver(() => [PostalShipment], { description: 'Its parcels with the public postal service: the result going home, the paper dossier collected; tracking numbers and fees' })
  async shipments(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<PostalShipment[]> {
    return ctx.loaders.dossierShipments.load(dossier.id);
  }
}

@Resolver(() => PostalShipment)
export class PostalShipmentResolver {
  @FieldResolver(() => [ShipmentEvent], { description: 'What the post reported, oldest first' })
  events(@Root() shipment: PostalShipment): ShipmentEvent[] {
    return shipment.events.map((e) => ({ code: e.code, label: e.label, at: new Date(e.at), note: e.note }));
  }

  @FieldResolver(() => Boolean, { description: 'On its way with no news from the post for POSTAL_STALLED_AFTER_HOURS' })
  stalled(@Root() shipment: PostalShipment, @Ctx() ctx: HubContext): boolean {
    return ctx.services.postal.isStalled(shipment);
  }

  @FieldResolver(() => String, { description: 'The dossier the parcel belongs to' })
  async dossierCode(@Root() shipment: PostalShipment): Promise<string> {
    return (await shipment.dossier.loadOrFail()).code;
  }

  @Mutation(() => ChangeReturnMethodPayload, {
    description: 'The applicant or the receiving counter changes how the result goes back, until the post has picked it up; a parcel not yet picked up is cancelled',
  })
  changeReturnMethod(
    @Ctx() ctx: HubContext,
    @Arg('code', () => String) code: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => ReturnMethodInput) input: ReturnMethodInput,
  ): Promise<DossierPayload> {
    return withUserErrors(async () => ({ dossier: await ctx.services.postal.changeReturnMethod(code, expectedVersion, input) }), { dossier: null });
  }

  @Query(() => [PostalShipment], {
    description: 'Parcels someone must look at: refused by the post, sent back, lost, stalled, or collected more or less than owed; supervisors for the centre, officers for their agency',
  })
  shipmentsNeedingAttention(@Ctx() ctx: HubContext, @Arg('first', () => Int, { defaultValue: 50 }) first: number): Promise<PostalShipment[]> {
    return ctx.services.postal.needingAttention(first);
  }
}
