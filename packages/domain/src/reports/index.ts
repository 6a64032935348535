export * from './periods.js';
export * from './layout.js';
