// The live updates' face: the feed of committed dossier changes and the subscriptions over it.
export { DossierChanges } from './dossier-changes';
export { LiveResolver, WorklistChange } from './live.resolver';
