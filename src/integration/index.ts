/** The face of src/integration/: what other folders may use (lint: they import only from here). */
export { type CallOptions } from './call-options';
export { type ConnectorRegistry } from './connector-registry';
export { type Exchange, type ExchangeOutcome, type ExchangeRecorder } from './exchange.port';
