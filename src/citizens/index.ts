/** The face of src/citizens/: what other folders may use (lint: they import only from here). */
export { CitizenService, type LoggedLookup } from './citizen.service';
export { type CitizenRecord, type ConsentProof, ConsentRefusedError, type PopulationRegistry } from './population.port';
