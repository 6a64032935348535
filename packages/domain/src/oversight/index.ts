// 执法监督 (R31, R34): case-file review sheet, scoring, league table, the review draw and supervisory measures.
export * from './caseReviewSheet.js';
export * from './caseReviewDraw.js';
