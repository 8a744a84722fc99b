import { populationConnector } from './population';

/**
 * Every connector kind the hub knows: an instance's `kind` names one of
 * these. A new kind is one line here (and its folder); see README.md.
 */
export const CONNECTOR_KINDS = [populationConnector] as const;

export { populationConnector } from './population';
export type { PopulationSimulator } from './population/population.simulator';
