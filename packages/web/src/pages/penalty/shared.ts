// What other page folders may use from the penalty-case pages.
export { CaseStatusTag, caseTitle, todayShanghai, yuan } from './parts';
