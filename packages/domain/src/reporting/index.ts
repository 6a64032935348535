export * from './periods.js';
export * from './layout.js';
export * from './statistics.js';
