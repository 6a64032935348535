export * from './questionnaire.js';
export * from './draw.js';
