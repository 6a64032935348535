// R34: the registered detectors, in the order of the catalogue (附件2). Adding one: write it with `detector(code, run)`,
// add its code and Chinese description to the domain catalogue (packages/domain/src/oversight/detectors.ts), list it here.
import type { Detector } from './types.js';
import { complaintOverdue } from './complaints.js';
import { belowTierNoReason, caseOverdue, crimeNotTransferred, fineConcentration, inconsistentPenalties, orderInsteadOfPenalty, rightsNotHeard, violationNoCase } from './penalties.js';
import { credentialInvalid, documentsMissing, findingWithoutOrder, hazardOverdueUnchecked, repeatedInspections, singleOfficer, unplannedWithoutApproval } from './inspections.js';

export const detectors: readonly Detector[] = [
  violationNoCase,
  orderInsteadOfPenalty,
  inconsistentPenalties,
  belowTierNoReason,
  repeatedInspections,
  unplannedWithoutApproval,
  hazardOverdueUnchecked,
  caseOverdue,
  crimeNotTransferred,
  documentsMissing,
  credentialInvalid,
  singleOfficer,
  findingWithoutOrder,
  fineConcentration,
  rightsNotHeard,
  complaintOverdue,
];

export type { AlertDraft, Detector, Evidence } from './types.js';
