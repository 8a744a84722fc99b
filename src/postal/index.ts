/** The face of src/postal/: what other folders may use (lint: they import only from here). */
export { PostalShipment, ShipmentKind, ShipmentStatus } from './shipment.entity';
export { PostalDossierService } from './postal-dossier.service';
export { PostalRefusedError, type PostalService } from './postal.port';
export {
  applyPostalCallback,
  cancelHandler,
  CANCEL_TOPIC,
  orderHandler,
  ORDER_TOPIC,
  postalHooks,
  trackShipments,
  type PostalDependencies,
} from './postal.service';
export { mountPostalEndpoint, POSTAL_CALLBACK_PATH } from './postal-endpoint';
