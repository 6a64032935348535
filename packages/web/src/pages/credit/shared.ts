// What other page folders may use from the credit pages.
export { EnforcementAlerts } from './EnforcementAlerts';
