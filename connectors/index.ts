import { departmentConnector } from './department';
import { populationConnector } from './population';

/**
 * Every connector kind the hub knows: an instance's `kind` names one of
 * these. A new kind is one line here (and its folder); see README.md.
 */
export const CONNECTOR_KINDS = [populationConnector, departmentConnector] as const;

export { populationConnector } from './population';
export { departmentConnector, type DepartmentInstanceConfig, type RunningDepartmentSimulator } from './department';
export type { PopulationSimulator } from './population/population.simulator';
