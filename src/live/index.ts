// The live updates' face: the feed of committed dossier changes and the subscriptions over it.
export { DOSSIER_CHANNEL, DossierChanges, type DossierChange, type LiveSignal } from './dossier-changes';
export { LiveResolver, WorklistChange } from './live.resolver';
