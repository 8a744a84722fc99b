import { createPrefixTransform, loadGraphQLHTTPSubgraph, type MeshComposeCLIConfig } from '@graphql-mesh/compose-cli';
import path from 'node:path';
import { readWsdl, UNSTARTED_SIMULATOR, type GatewayDepartment } from './departments';
import { LINK_TYPE_DEFS } from './links';
import { buildWsdlSubgraph, typePrefix } from './wsdl-source';

/** The repository's root (mesh/ and dist/mesh/ alike). */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
export const HUB_SCHEMA_FILE = path.join(ROOT, 'schema/schema.graphql');
export const SUPERGRAPH_FILE = path.join(ROOT, 'schema/supergraph.graphql');
/** The hub's address written in the composed schema; the gateway replaces it (HUB_URL) at run time. */
export const COMPOSED_HUB_URL = 'http://127.0.0.1:4000/graphql';

/** A department's root fields' prefix: `so-nnmt` → `soNnmt_`. */
const fieldPrefix = (name: string): string => {
  const type = typePrefix(name);
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}_`;
};

/**
 * The composition (GraphQL Mesh v1, `@graphql-mesh/compose-cli`): the hub's
 * schema as it is emitted (schema/schema.graphql, so composing needs no
 * running hub), and one SOAP subgraph per department file that exposes
 * register reads (`gateway.expose`), holding only those. Each SOAP
 * subgraph's root fields are prefixed with the department (Mesh's prefix
 * transform: `soNnmt_traCuuVanBan`); its types already carry it.
 */
export function composeConfig(departments: readonly GatewayDepartment[]): MeshComposeCLIConfig {
  return {
    subgraphs: [
      { sourceHandler: loadGraphQLHTTPSubgraph('hub', { endpoint: COMPOSED_HUB_URL, source: HUB_SCHEMA_FILE }) },
      ...departments.filter((d) => d.expose.length > 0).map((department) => ({
        sourceHandler: () => ({
          name: department.name,
          schema$: readWsdl(department).then((wsdl) =>
            buildWsdlSubgraph({
              name: department.name,
              wsdl,
              endpoint: department.url ?? UNSTARTED_SIMULATOR,
              operations: department.expose,
              credentials: department.credentials,
            }),
          ),
        }),
        transforms: [createPrefixTransform({ value: fieldPrefix(department.name), includeRootOperations: true, includeTypes: false })],
      })),
    ],
    additionalTypeDefs: LINK_TYPE_DEFS,
  };
}
