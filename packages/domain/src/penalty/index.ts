// Penalty cases (R18, R25–R31): discretion catalogue and engine, case workflow, statutory periods.
export * from './catalogue.js';
export * from './discretion.js';
export * from './deadlines.js';
export * from './workflow.js';
export * from './effects.js';
export * from './remedies.js';
export * from './caseFile.js';
export * from './caseRecords.js';
