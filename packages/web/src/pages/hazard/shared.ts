// What other page folders may use from the hazard pages: evidence photos, shown and uploaded alike.
export { EvidenceThumbs } from './parts';
export { EvidenceUploader } from './EvidenceUploader';
