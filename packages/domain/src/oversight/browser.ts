// The browser-safe half of 执法监督: review sheet and scoring, detector catalogue and alert states (no hashing).
export * from './caseReviewSheet.js';
export * from './detectors.js';
