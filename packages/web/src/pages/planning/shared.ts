// What other page folders may use from the planning pages.
export { triggerLabels } from './UnplannedPage';
