import { departmentConnector } from './department';
import { paymentConnector } from './payment';
import { populationConnector } from './population';
import { portalConnector } from './portal';
import { postalConnector } from './postal';

/**
 * Every connector kind the hub knows: an instance's `kind` names one of
 * these. A new kind is one line here (and its folder); see README.md.
 */
export const CONNECTOR_KINDS = [populationConnector, departmentConnector, paymentConnector, postalConnector, portalConnector] as const;

export { populationConnector } from './population';
export { paymentConnector, type PaymentInstanceConfig } from './payment';
export { postalConnector, type PostalInstanceConfig } from './postal';
export { portalConnector, procedureMessage, type PortalInstanceConfig } from './portal';
export { type PortalSimulator } from './portal/portal.simulator';
export { departmentConnector, type DepartmentInstanceConfig, type RunningDepartmentSimulator } from './department';
export type { PopulationSimulator } from './population/population.simulator';
