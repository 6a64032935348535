import type {
  AgencyLevel,
  CreditStatus,
  Industry,
  RiskCode,
  Role,
  StandardizationLevel,
} from '@anjian/domain/enums';

export interface ApiErrorBody {
  code: string;
  message: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export interface MeAgency {
  id: number;
  name: string;
  level: AgencyLevel;
  regionCode: string;
  regionName: string;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  agency: MeAgency | null;
  enterpriseId: number | null;
}

export interface Enterprise {
  id: number;
  creditCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  address: string;
  industry: Industry;
  riskCode: RiskCode;
  hazardSourceCount: number;
  majorHazardSourceCount: number;
  standardizationLevel: StandardizationLevel;
  creditStatus: CreditStatus;
  fatalAccidents3y: number;
  nonSiteMonitored: boolean;
  legalRepresentative: string;
  contactPhone: string;
  employeeCount: number;
  supervisingAgencyId: number;
  supervisingAgencyName: string;
  supervisingAgencyLevel: AgencyLevel;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Fields a user may type when creating an enterprise. */
export type EnterpriseInput = Pick<
  Enterprise,
  | 'creditCode'
  | 'name'
  | 'regionCode'
  | 'address'
  | 'industry'
  | 'riskCode'
  | 'hazardSourceCount'
  | 'majorHazardSourceCount'
  | 'standardizationLevel'
  | 'creditStatus'
  | 'fatalAccidents3y'
  | 'nonSiteMonitored'
  | 'legalRepresentative'
  | 'contactPhone'
  | 'employeeCount'
  | 'supervisingAgencyId'
>;

export type EnterprisePatch = Partial<Omit<EnterpriseInput, 'creditCode' | 'supervisingAgencyId'>> & { version: number };

export interface AuditChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: number | string | null;
  /** why the change was made (supervision transfer, seed, import); not in docs/api.md but returned by the server */
  reason?: string | null;
  before: unknown;
  after: unknown;
  changes: AuditChange[];
  hash: string;
}

export type ImportStatus = 'parsing' | 'previewed' | 'committing' | 'committed' | 'failed';

export interface ImportRowError {
  row: number;
  creditCode: string;
  name: string;
  messages: string[];
}

export interface ImportJob {
  id: string;
  fileName: string;
  status: ImportStatus;
  total: number;
  processed: number;
  validCount: number;
  errorCount: number;
  createCount: number;
  updateCount: number;
  errors: ImportRowError[];
  message: string | null;
}

export type CredentialStatus = 'valid' | 'expiring' | 'expired';

export interface Officer {
  id: number;
  name: string;
  credentialNo: string;
  credentialValidFrom: string;
  credentialValidTo: string;
  credentialStatus: CredentialStatus;
  agencyId: number;
  agencyName: string;
  specialties: Industry[];
  phone: string;
  version: number;
}

export type OfficerInput = Omit<Officer, 'id' | 'agencyName' | 'credentialStatus' | 'version'>;

export interface Agency {
  id: number;
  name: string;
  level: AgencyLevel;
  regionCode: string;
  regionName: string;
  parentId: number | null;
}

export interface AgencyDetail extends Agency {
  enterpriseCount: number;
  officerCount: number;
}

export interface Region {
  code: string;
  name: string;
  level: string;
  hasChildren: boolean;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  agencyId: number | null;
  agencyName: string | null;
  enterpriseId: number | null;
  active: boolean;
  createdAt: string;
}

export interface UserInput {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  agencyId?: number;
  enterpriseId?: number;
}

export interface StatsOverview {
  enterpriseCount: number;
  byRisk: Record<RiskCode, number>;
  byIndustry: Partial<Record<Industry, number>>;
  highRiskEnterpriseCount: number;
  supervisedByOwnAgency: number;
  officerCount: number;
  expiredCredentialCount: number;
  expiringCredentialCount: number;
  agencyCount: number;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  firstBroken: null | { id: number; reason: string };
}
