import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AgencyResolver, ProcedureResolver, ProcedureStepResolver } from './catalog/catalog.resolver';
import {
  ConsultationResolver,
  DossierResolver,
  DossierStepResolver,
  DossierTrackingResolver,
  HistoryEntryResolver,
  TrackingEventResolver,
  TrackingStepResolver,
} from './dossiers/dossier.resolver';
import { CitizenResolver } from './citizens/citizen.resolver';
import { DocumentResolver } from './documents/document.resolver';
import { CalendarAdminResolver } from './dossiers/calendar-admin.resolver';
import { DossierPortalSyncResolver, NationalCatalogueResolver, PortalSubmissionsResolver } from './portal/portal.resolver';
import { DossierComponentResolver } from './dossiers/dossier-component.resolver';
import { ConnectorActivityResolver, OperationsResolver } from './integration/operations.resolver';
import { DepartmentResolver } from './departments/department.resolver';
import { guardDossierNodes } from './dossiers/dossier-guard';
import { PaymentResolver } from './payments/payment.resolver';
import { DossierShipmentsResolver, PostalShipmentResolver } from './postal/postal.resolver';
import { ApologyFormResolver, DossierFormsResolver, SupplementFormResolver } from './forms/forms.resolver';
import { DateTimeScalar } from './graphql/scalars';
import { LiveResolver } from './live/live.resolver';

export const RESOLVERS = [
  ProcedureResolver,
  ProcedureStepResolver,
  AgencyResolver,
  DossierResolver,
  DossierTrackingResolver,
  TrackingStepResolver,
  TrackingEventResolver,
  DossierStepResolver,
  ConsultationResolver,
  HistoryEntryResolver,
  CitizenResolver,
  DocumentResolver,
  DossierComponentResolver,
  CalendarAdminResolver,
  DossierPortalSyncResolver,
  PortalSubmissionsResolver,
  NationalCatalogueResolver,
  OperationsResolver,
  ConnectorActivityResolver,
  DepartmentResolver,
  PaymentResolver,
  DossierShipmentsResolver,
  PostalShipmentResolver,
  DossierFormsResolver,
  SupplementFormResolver,
  ApologyFormResolver,
  LiveResolver,
] as const;

/** The hub's one GraphQL schema, built from the resolvers' decorators. */
export async function buildHubSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: { forbidUnknownValues: false },
    // Every subscription brings its own source (a filtered feed of committed changes, src/live): no topics, no PubSub.
    // type-graphql asks for one all the same; this one says so if it is ever used.
    pubSub: {
      publish() {
        throw new Error('the hub publishes through the database (src/live), not a PubSub');
      },
      subscribe() {
        throw new Error('subscriptions of the hub bring their own source (src/live)');
      },
    },
    emitSchemaFile: false,
  });
  return guardDossierNodes(schema);
}

/** The SDL written to schema/schema.graphql (a test fails when the file is stale). */
export function schemaSdl(schema: GraphQLSchema): string {
  return `# Generated from the resolvers by \`npm run schema:emit\`; do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
