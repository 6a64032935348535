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
  admin: ['registry.read', 'registry.write', 'registry.transfer', 'users.manage', 'audit.read', 'audit.verify', 'planning.write', 'planning.approve', 'inspection.write', 'catalog.write', 'discretion.write', 'credit.decide'],
  leader: ['registry.read', 'registry.write', 'registry.transfer', 'audit.read', 'planning.write', 'planning.approve', 'inspection.write', 'catalog.write', 'penalty.write', 'penalty.decide', 'credit.decide'],
  officer: ['registry.read', 'registry.write', 'audit.read', 'planning.write', 'inspection.write', 'penalty.write'],
  legal_reviewer: ['registry.read', 'audit.read', 'penalty.review', 'discretion.write'],
  oversight: ['registry.read', 'audit.read', 'audit.verify'],
  enterprise: ['registry.read'],
};

export function can(p: Principal, perm: Permission): boolean {
  return permissions[p.role].includes(perm);
}

export function requirePermission(p: Principal, perm: Permission): void {
  if (!can(p, perm)) throw forbidden();
}

/** The region prefix of the caller's jurisdiction ('' = the whole country, for an admin without agency). */
export function jurisdictionPrefix(p: Principal): string {
  if (p.role === 'enterprise') throw forbidden('企业用户只能查看本企业信息');
  return p.agencyRegionCode ? regionPrefix(p.agencyRegionCode) : '';
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
