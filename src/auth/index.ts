/** The face of src/auth/: what other folders may use (lint: they import only from here). */
export { type Authenticate } from './authenticator';
export { ANONYMOUS, Role, type User, type Viewer, hasRole } from './viewer';
