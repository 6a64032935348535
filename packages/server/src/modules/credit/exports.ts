// R32: the violation database (credit facts) and the blacklist as .xlsx — the lists' own filters and jurisdiction,
// Chinese labels.
import type { FastifyReply } from 'fastify';
import { blacklistGroundLabels, blacklistStatus, creditFactKindLabels, creditSeverityLabels, type BlacklistGroundId, type CreditFactKind, type CreditSeverity } from '@anjian/domain';
import type { AppContext } from '../../context.js';
import { shanghaiDate } from '../../lib/diff.js';
import { forbidden } from '../../lib/errors.js';
import { sendXlsx } from '../../lib/xlsxExport.js';
import type { Principal } from '../auth/principal.js';
import { blacklistPage, violationPage, violationWhere, type ViolationQuery } from './service.js';

export async function exportViolations(ctx: AppContext, p: Principal, q: ViolationQuery, reply: FastifyReply) {
  const where = violationWhere(p, q);
  type Row = Awaited<ReturnType<typeof violationPage>>[number];
  return sendXlsx<Row>(reply, {
    title: '违法行为信息库',
    asciiName: 'credit-facts',
    columns: [
      { header: '企业名称', width: 30, value: (r) => r.enterpriseName },
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '信用信息类别', width: 18, value: (r) => creditFactKindLabels[r.kind as CreditFactKind] ?? '其他' },
      { header: '失信程度', width: 14, value: (r) => creditSeverityLabels[r.severity as CreditSeverity] ?? '' },
      { header: '发生日期', width: 12, value: (r) => r.occurredOn },
      { header: '文书编号', width: 24, value: (r) => r.documentNumber },
      { header: '摘要', width: 40, value: (r) => r.summary },
      { header: '已公示', width: 8, value: (r) => r.published },
      { header: '公示截止', width: 12, value: (r) => r.publishedUntil },
      { header: '信用修复日期', width: 12, value: (r) => r.repairedOn },
      { header: '影响信用评价', width: 12, value: (r) => r.affectsCredit },
    ],
    page: (offset, limit) => violationPage(ctx, where, limit, offset),
  });
}

export async function exportBlacklist(ctx: AppContext, p: Principal, reply: FastifyReply) {
  if (p.role === 'enterprise') throw forbidden();
  const today = shanghaiDate();
  type Row = Awaited<ReturnType<typeof blacklistPage>>[number];
  const groundIds = (g: unknown): string[] => (Array.isArray(g) ? g.map((x) => (typeof x === 'string' ? x : String((x as { id?: string }).id ?? ''))) : []);
  const state = (r: Row) => {
    const st = blacklistStatus({ listedOn: r.listed_on, removedOn: r.removed_on }, today);
    return st.active ? '管理期内' : r.removed_on ? '已移出' : '已期满';
  };
  return sendXlsx<Row>(reply, {
    title: '严重失信主体名单',
    asciiName: 'blacklist',
    columns: [
      { header: '企业名称', width: 30, value: (r) => r.enterprise_name },
      { header: '统一社会信用代码', width: 22, value: (r) => r.credit_code },
      { header: '列入日期', width: 12, value: (r) => r.listed_on },
      { header: '管理期满', width: 12, value: (r) => blacklistStatus({ listedOn: r.listed_on, removedOn: r.removed_on }, today).expiresOn },
      { header: '状态', width: 10, value: state },
      { header: '列入情形', width: 40, value: (r) => groundIds(r.grounds).map((g) => blacklistGroundLabels[g as BlacklistGroundId] ?? '其他情形').join('；') },
      { header: '列入理由', width: 40, value: (r) => r.reason },
      { header: '移出日期', width: 12, value: (r) => r.removed_on },
      { header: '移出理由', width: 30, value: (r) => r.removal_reason },
    ],
    page: (offset, limit) => blacklistPage(ctx, p, limit, offset),
  });
}
