import path from 'node:path';

/**
 * The WSDL of the national population database, the hub's own copy
 * (schema/wsdl/population.wsdl; the build copies it to dist/schema/wsdl).
 * The adapter and the simulator both read it from here, so the adapter
 * never loads simulator code.
 */
export const POPULATION_WSDL = path.resolve(__dirname, '../../schema/wsdl/population.wsdl');
