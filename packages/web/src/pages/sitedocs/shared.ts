// What other page folders may use from the on-site documents: the document panels of a case, a hazard, an inspection.
export { CaseSiteDocuments, HazardSiteDocuments, InspectionInterviewButton } from './SiteDocuments';
