// Who is calling, and what they may reach. Jurisdiction scoping lives here and nowhere else:
// every query of a register builds its WHERE from these functions.
import { sql, type SQL } from 'drizzle-orm';
import { regionPrefix, type Role } from '@anjian/domain';
import { AppError, forbidden, notFound } from '../../lib/errors.js';

export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  agencyId: number | null;
  agencyName: string | null;
  agencyLevel: string | null;
  agencyRegionCode: string | null;
  enterpriseId: number | null;
  /** the officer record linked to this login (执法人员), if any */
  officerId: number | null;
  /**
   * Why the login may take no enforcement act now (its officer left, the credential was revoked or has expired), in
   * Chinese; null when nothing stands in the way. The login still reads what its role allows.
   */
  enforcementBlocked: string | null;
  sessionId: string;
}

export type Permission =
  | 'registry.read'
  | 'registry.write'
  | 'registry.transfer'
  | 'users.manage'
  | 'audit.read'
  | 'audit.verify'
  | 'planning.write'
  | 'planning.approve'
  | 'inspection.write'
  | 'catalog.write'
  | 'penalty.write'
  | 'penalty.review'
  | 'penalty.decide'
  | 'discretion.write'
  | 'credit.decide';

const permissions: Record<Role, readonly Permission[]> = {
  // the admin account administers (accounts, agencies, registers, plans, catalogues) but performs no enforcement act
  admin: ['registry.read', 'registry.write', 'registry.transfer', 'users.manage', 'audit.read', 'audit.verify', 'planning.write', 'planning.approve', 'catalog.write', 'discretion.write', 'credit.decide'],
  leader: ['registry.read', 'registry.write', 'registry.transfer', 'audit.read', 'planning.write', 'planning.approve', 'inspection.write', 'catalog.write', 'penalty.write', 'penalty.decide', 'credit.decide'],
  officer: ['registry.read', 'registry.write', 'audit.read', 'planning.write', 'inspection.write', 'penalty.write'],
  legal_reviewer: ['registry.read', 'audit.read', 'penalty.review', 'discretion.write'],
  oversight: ['registry.read', 'audit.read', 'audit.verify'],
  enterprise: ['registry.read'],
};

/** Acts of enforcement (执法行为): refused to a login whose officer record does not allow them (enforcementBlocked). */
const enforcementPermissions: readonly Permission[] = ['planning.write', 'planning.approve', 'inspection.write', 'penalty.write', 'penalty.review', 'penalty.decide', 'discretion.write', 'credit.decide'];

export function can(p: Principal, perm: Permission): boolean {
  if (p.enforcementBlocked && enforcementPermissions.includes(perm)) return false;
  return permissions[p.role].includes(perm);
}

/** Acts of enforcement (inspection, hazard, penalty case): done by the officers and leaders of an agency, never by the admin account. */
const ENFORCEMENT: ReadonlySet<Permission> = new Set(['inspection.write', 'penalty.write', 'penalty.review', 'penalty.decide']);
export const ADMIN_NOT_ENFORCEMENT = '系统管理员负责账户、机构和基础数据的管理，不办理执法检查、隐患整改和行政处罚等执法事项';

export function requirePermission(p: Principal, perm: Permission): void {
  if (can(p, perm)) return;
  if (p.role === 'admin' && ENFORCEMENT.has(perm)) throw forbidden(ADMIN_NOT_ENFORCEMENT);
  throw forbidden(p.enforcementBlocked && permissions[p.role].includes(perm) ? p.enforcementBlocked : undefined);
}

/**
 * The province level: the top agency (no parent, level province), or an admin account without agency (nationwide).
 * Versions of the province-wide catalogues (check items, discretion benchmark) are published only there.
 */
export function atProvinceLevel(p: Principal): boolean {
  if (p.role === 'enterprise') return false;
  return p.agencyId == null ? p.role === 'admin' : p.agencyLevel === 'province';
}

export function requireProvinceLevel(p: Principal, perm: Permission, what: string): void {
  requirePermission(p, perm);
  if (!atProvinceLevel(p)) throw forbidden(`${what}由省级应急管理部门统一发布，${p.agencyName ?? '您的机构'}不能发布新版本`);
}

/**
 * Enforcement acts on an inspection, hazard or penalty case are taken by the agency that handles it (its officers and
 * leaders), not by another agency of the same region tree and not by the admin account. The object must already be
 * in the caller's scope (404 otherwise, decided by the loader); this answers 403 with the reason.
 */
export function isActingAgency(p: Principal, agencyId: number): boolean {
  return p.role !== 'admin' && p.role !== 'enterprise' && p.agencyId != null && p.agencyId === agencyId;
}

export function requireActingAgency(p: Principal, agencyId: number, message: string): void {
  if (p.role === 'admin') throw forbidden(ADMIN_NOT_ENFORCEMENT);
  if (!isActingAgency(p, agencyId)) throw forbidden(message);
}

/**
 * R1: which agency may be named as an enterprise's supervising agency by this caller — on creation, import and
 * transfer alike: the caller's own agency or one below it (a level never hands an enterprise to a higher or
 * neighbouring level; the higher level takes it itself). The agency's region must also contain the enterprise's
 * (checked by the registry).
 */
export function canAssignSupervision(p: Principal, agency: { regionCode: string }): boolean {
  return inJurisdiction(p, agency.regionCode);
}

/** Any act of enforcement (a penalty-case step, an intervention record): refused while the officer record blocks it. */
export function assertMayEnforce(p: Principal): void {
  if (p.enforcementBlocked) throw forbidden(p.enforcementBlocked);
}

/**
 * Why an officer record stands in the way of enforcement (R4: only officers with a valid credential act), or null.
 * One wording for the principal, the officer register and the case's investigators.
 */
export function officerEnforcementBlock(o: { name?: string; leftOn: string | null; credentialRevokedOn: string | null; credentialValidFrom: string; credentialValidTo: string }, today: string): string | null {
  const who = o.name ? `${o.name}` : '您的执法人员记录';
  if (o.leftOn && o.leftOn <= today) return `${who}已于${o.leftOn}登记离职，不能再开展执法活动`;
  if (o.credentialRevokedOn && o.credentialRevokedOn <= today) return `${who}的执法证已于${o.credentialRevokedOn}注销，不能开展执法活动`;
  if (o.credentialValidTo < today) return `${who}的执法证已于${o.credentialValidTo}过期，不能开展执法活动`;
  if (o.credentialValidFrom > today) return `${who}的执法证自${o.credentialValidFrom}起有效，此前不能开展执法活动`;
  return null;
}

/**
 * R4: officers still in service on `today` — not left, credential not revoked (the SQL side of officerEnforcementBlock;
 * the credential's dates are checked where each query needs them). `alias` is the officers table's alias, if any.
 */
export function inServiceOn(today: string, alias?: string): SQL {
  const c = (name: string) => sql.raw(alias ? `${alias}.${name}` : name);
  return sql`(${c('left_on')} is null or ${c('left_on')} > ${today}::date) and (${c('credential_revoked_on')} is null or ${c('credential_revoked_on')} > ${today}::date)`;
}

/** The region prefix of the caller's jurisdiction ('' = the whole country, for an admin without agency). */
export function jurisdictionPrefix(p: Principal): string {
  if (p.role === 'enterprise') throw forbidden('企业用户只能查看本企业信息');
  return p.agencyRegionCode ? regionPrefix(p.agencyRegionCode) : '';
}

/**
 * R1: whether the region tree under `scopeCode` holds `regionCode` — 330100 holds 330110 and its townships, 330110
 * does not hold 330111. The one test of a region in another's tree (its SQL form: regionScopeCondition).
 */
export function inRegionScope(scopeCode: string, regionCode: string): boolean {
  return regionCode.startsWith(regionPrefix(scopeCode));
}

/** An agency's own business (its plan, its draws): its own staff, or the administrator acting for it. */
export function requireOwnAgency(p: Principal, agencyId: number, message: string): void {
  if (p.role !== 'admin' && p.agencyId !== agencyId) throw forbidden(message);
}

export function inJurisdiction(p: Principal, regionCode: string): boolean {
  if (p.role === 'enterprise') return false;
  return regionCode.startsWith(jurisdictionPrefix(p));
}

/** WHERE condition on a table with a region_code column (agencies, officers, audit_log). */
export function regionCondition(p: Principal, column: SQL | string = 'region_code'): SQL {
  const prefix = jurisdictionPrefix(p);
  const col = typeof column === 'string' ? sql.raw(column) : column;
  return prefix === '' ? sql`true` : sql`${col} like ${prefix + '%'}`;
}

/**
 * Region subtree as an equality on a fixed-length prefix: left(region_code, 4|6|9) = prefix. The enterprise
 * table has an index on each of those expressions (with the list order), so a city, county or township page is
 * an index range in list order rather than a scan of the province.
 */
export function regionPrefixCondition(prefix: string, column: string): SQL {
  if (prefix === '') return sql`true`;
  return sql`left(${sql.raw(column)}, ${sql.raw(String(prefix.length))}) = ${prefix}`;
}

/**
 * A region filter given in a query (the public pages', the lists'): the subtree of a region code — 330000 the province,
 * 330100 the city, 330110 that county only (never 330111–330114, as stripping trailing zeros would give). A plain
 * prefix LIKE, so the text_pattern_ops indexes on region_code serve it.
 */
export function regionScopeCondition(regionCode: string, column: string): SQL {
  return sql`${sql.raw(column)} like ${regionPrefix(regionCode) + '%'}`;
}

/** WHERE condition on enterprises (alias `e`): its region subtree, or for an enterprise user only itself. */
export function enterpriseCondition(p: Principal, alias = 'e'): SQL {
  if (p.role === 'enterprise') {
    return p.enterpriseId == null ? sql`false` : sql`${sql.raw(alias)}.id = ${p.enterpriseId}`;
  }
  return regionPrefixCondition(jurisdictionPrefix(p), `${alias}.region_code`);
}

export function assertRegionInJurisdiction(p: Principal, regionCode: string): void {
  if (!inJurisdiction(p, regionCode)) {
    throw new AppError('FORBIDDEN', '该行政区划不在您的管辖范围内');
  }
}

export { notFound };

/**
 * WHERE condition on a table that carries enterprise_id and region_code (inspections, hazards, evidence, cases):
 * an agency user sees its region subtree, an enterprise user only the rows of its own enterprise.
 */
export function enterpriseOwnedCondition(p: Principal, alias: string): SQL {
  if (p.role === 'enterprise') {
    return p.enterpriseId == null ? sql`false` : sql`${sql.raw(alias)}.enterprise_id = ${p.enterpriseId}`;
  }
  return regionCondition(p, `${alias}.region_code`);
}

/** The same check for one loaded row. */
export function canSeeEnterpriseRow(p: Principal, row: { enterpriseId: number; regionCode: string }): boolean {
  if (p.role === 'enterprise') return p.enterpriseId != null && p.enterpriseId === row.enterpriseId;
  return inJurisdiction(p, row.regionCode);
}

/** The actor an audit entry and an event record name for a principal. */
export function actorOf(p: Principal) {
  return { id: p.userId, name: p.displayName };
}
