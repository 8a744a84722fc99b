import { createGraphQLError } from '@graphql-tools/utils';
import { getNamedType, isObjectType, parse, type DocumentNode, type ExecutionResult, type GraphQLObjectType } from 'graphql';
import { compileMapping, mapToObject, mapToValue, type Mapping } from '../connectors/department/department.mapping';
import { readWsdl, type GatewayDepartment } from './departments';
import { createSoapExecutor } from './soap-transport';
import { buildWsdlSubgraph } from './wsdl-source';

/**
 * The link across sources (issue 11): a hub step at a department with a
 * system of its own reads that system's record of the dossier, by the
 * reference the system gave when it took the dossier. One shape for every
 * department (each file's `gateway.record.answer` maps its own answer to
 * it), so that a front end writes one query whatever the department.
 *
 * The link is reached only through a step of a dossier the hub let the
 * caller see: the hub decides who may see what, the gateway adds what the
 * department knows of that one dossier.
 */
export const LINK_TYPE_DEFS = /* GraphQL */ `
  "A department system's own record of a dossier it took (read through the gateway from that system)"
  type DepartmentRecord {
    "The department file's name (the system)"
    department: String!
    "What the system is"
    system: String!
    "The system's own reference (receipt or register number)"
    reference: String
    "The dossier's code as the system holds it"
    dossierCode: String
    "The system's own status code"
    status: String
    "Its label (the department's words)"
    statusLabel: String
    receivedAt: String
    dueAt: String
    finishedAt: String
    "The unit that handles it"
    unit: String
    "Who handles it"
    handledBy: String
    "The actual fee as the system wrote it (xsd:decimal as text: money never goes through a Float)"
    actualFee: String
    "The number of the document the system issued"
    resultNumber: String
  }

  extend type DossierStep {
    "This step's department system's own record of the dossier; null when the step is at no such system, has not reached it, or the system has no record"
    departmentRecord: DepartmentRecord
  }
`;

const RECORD_FIELDS = ['reference', 'dossierCode', 'status', 'statusLabel', 'receivedAt', 'dueAt', 'finishedAt', 'unit', 'handledBy', 'actualFee', 'resultNumber'] as const;

/** Every leaf under a type, as a selection set (the answer's whole content, a few levels deep). */
function wholeSelection(type: GraphQLObjectType, depth = 0): string {
  if (depth > 4) return '';
  const fields = Object.values(type.getFields()).map((field) => {
    const named = getNamedType(field.type);
    return isObjectType(named) ? `${field.name} ${wholeSelection(named, depth + 1)}` : field.name;
  });
  return `{ ${fields.join(' ')} }`;
}

export interface RecordReaderOptions {
  /** Where each department's calls go, by name. */
  urls: ReadonlyMap<string, string>;
  env: NodeJS.ProcessEnv;
  onFailure: (detail: { department: string; reason: string }) => void;
}

interface RecordLink {
  department: GatewayDepartment;
  request: Mapping;
  answer: Mapping;
  document: DocumentNode;
  executor: ReturnType<typeof createSoapExecutor>;
}

/**
 * Reads a department's record of a dossier through its own subgraph (the
 * record operation only), built from its WSDL by the same source handler
 * and called by the same SOAP transport as the composed registers, but kept
 * out of the composed schema: a record is reachable only from a hub step
 * the hub let the caller see, never by guessing receipt numbers at the root.
 */
export async function createRecordReader(departments: readonly GatewayDepartment[], options: RecordReaderOptions) {
  const byAgency = new Map<string, RecordLink>();
  for (const department of departments) {
    if (!department.record) continue;
    const location = options.urls.get(department.name) ?? department.url;
    if (!location) continue;
    const schema = buildWsdlSubgraph({
      name: department.name,
      wsdl: await readWsdl(department),
      endpoint: location,
      operations: [department.record.operation],
      credentials: department.credentials,
    });
    const [field] = Object.values(schema.getQueryType()?.getFields() ?? {});
    if (!field || !isObjectType(getNamedType(field.type))) throw new Error(`${department.name}: the record operation ${department.record.operation} answers no element`);
    const variables = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
    const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    byAgency.set(department.agencyCode, {
      department,
      request: compileMapping(department.record.request),
      answer: compileMapping(department.record.answer),
      document: parse(`query Record${variables ? `(${variables})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${wholeSelection(getNamedType(field.type) as GraphQLObjectType)} }`),
      executor: createSoapExecutor(schema, {
        location,
        env: options.env,
        timeoutMs: department.timeoutMs,
        onFailure: (detail) => options.onFailure({ department: detail.subgraph, reason: `${detail.operation}: ${detail.reason}` }),
      }),
    });
  }

  return {
    /** The record of the dossier at the step's agency, by the reference that system gave; null when there is none to read. */
    async read(agencyCode: string | null | undefined, reference: string | null | undefined): Promise<Record<string, string | null> | null> {
      const link = agencyCode ? byAgency.get(agencyCode) : undefined;
      if (!link || !reference) return null;
      const { department } = link;
      const args = await mapToObject(link.request, { reference }, `${department.name}.gateway.record.request`);
      const result = (await link.executor({ document: link.document, variables: args })) as ExecutionResult;
      // The department's failure, masked by the transport: raised again here, so that it carries this field's path.
      const [failed] = result.errors ?? [];
      if (failed) throw createGraphQLError(failed.message, { extensions: failed.extensions });
      const answer = Object.values(result.data ?? {})[0];
      if (answer === null || answer === undefined) return null;
      let mapped: unknown;
      try {
        mapped = await mapToValue(link.answer, answer);
      } catch (error) {
        options.onFailure({ department: department.name, reason: `gateway.record.answer failed: ${error instanceof Error ? error.message : String(error)}` });
        throw createGraphQLError(`Không đọc được hồ sơ của ${department.name}.`, { extensions: { code: 'DEPARTMENT_BAD_ANSWER', department: department.name } });
      }
      if (mapped === null || mapped === undefined || typeof mapped !== 'object' || Array.isArray(mapped)) return null;
      const record = mapped as Record<string, unknown>;
      const text = (value: unknown): string | null => (value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value));
      const out: Record<string, string | null> = { department: department.name, system: department.system };
      for (const key of RECORD_FIELDS) out[key] = text(record[key]);
      if (out.statusLabel === null && out.status !== null) out.statusLabel = department.statuses[out.status]?.label ?? null;
      return out;
    },
  };
}

export type RecordReader = Awaited<ReturnType<typeof createRecordReader>>;

interface StepRoot {
  externalReference?: string | null;
  agency?: { code?: string | null } | null;
}

/** The gateway's resolvers of the links. */
export function linkResolvers(records: RecordReader) {
  return {
    DossierStep: {
      departmentRecord: {
        // Asked of the hub whatever the client selected: the link needs them.
        selectionSet: '{ externalReference agency { code } }',
        resolve: (step: StepRoot) => records.read(step.agency?.code, step.externalReference),
      },
    },
  };
}
