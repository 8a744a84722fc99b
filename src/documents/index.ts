/** The face of src/documents/: what other folders may use (lint: they import only from here). */
export { Document } from './document.entity';
export { DocumentService, type ComponentUpload } from './document.service';
