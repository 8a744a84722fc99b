/** The face of src/outbox/: what other folders may use (lint: they import only from here). */
export { PermanentDeliveryError, type DeliveryHandler } from './delivery';
export { type Outbox, type OutgoingMessage } from './outbox';
export { OutboxMessage, OutboxStatus } from './outbox-message.entity';
