// Enforcement documents (执法文书): kinds, numbering and content shapes (R34, R35).
export * from './kinds.js';
export * from './content.js';
export * from './numbering.js';
export * from './siteRecords.js';
