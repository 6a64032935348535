export * from './registry/enums.js';
export * from './registry/creditCode.js';
export * from './registry/regions.js';
export * from './registry/agencyNames.js';
export * from './generator/random.js';
export * from './generator/generate.js';
export * from './calendar/workingDays.js';
export * from './planning/plan.js';
