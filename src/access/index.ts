/** The face of src/access/: what other folders may use (lint: they import only from here). */
export { Access } from './access';
