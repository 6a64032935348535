// Penalty cases and credit in a real browser against the real server (R18, R25–R32): a major-hazard violation found
// in an inspection becomes a case draft; the officer and the leader open it, the officer assesses the violation with
// the discretion engine (a chosen amount outside the tier needs the written reason, an amount above the law is refused
// with the server's Chinese message), notifies, the legal reviewer returns it with comments and then approves, the
// leaders discuss and decide, the decision is published and shows, masked, on the public portal; the enterprise
// applies for credit repair and the leader answers within 3 working days. Screenshots at desktop and phone width go
// to /tmp/shots-penalties.
import { addDays } from '@anjian/domain/calendar';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession, DEMO_PASSWORD, shot, checkPage as checkPageShared, useStack } from './harness.js';

const SHOTS = '/tmp/shots-penalties';
const ENTERPRISE_USER = 'pen.enterprise';
const env = useStack();

interface Prepared {
  inspectionId: number;
  caseId: number;
  enterpriseId: number;
  enterpriseName: string;
  investigatorNames: string[];
  investigatorIds: number[];
  range: { min: number; max: number };
}
let prep: Prepared;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
// a 1×1 PNG standing for the party's scanned letter
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');
const FACTS = { itemCode: 'aq097.initial.unit', clause: 4, circumstance: 'serious', harm: 'general', fault: 'negligent', firstViolation: false, correctedInTime: false, repeatWithinYear: false, majorHazard: true, mitigating: [], aggravating: [] };

/** An inspection on site with a major-hazard violation (R18: a case draft is opened automatically). */
async function prepare(baseUrl: string): Promise<Prepared> {
  const officer = await apiSession(baseUrl, 'county.officer');
  const ok = <T>(r: { status: number; body: T }, what: string): T => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const me = ok(await officer.get<{ agency: { id: number } }>('/me'), 'me');
  const mine = ok(await officer.get<{ officerId: number }>('/today'), 'today').officerId;
  const ents = ok(await officer.get<{ items: { id: number; name: string }[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=5`), 'enterprises');
  const enterprise = ents.items[0]!;
  const valid = ok(await officer.get<{ items: { id: number; name: string }[] }>(`/officers?agencyId=${me.agency.id}&credentialStatus=valid&pageSize=50`), 'officers').items;
  const other = valid.find((o) => o.id !== mine)!;
  const self = valid.find((o) => o.id === mine)!;
  const officers = [self, other];
  const unplanned = ok(await officer.post<{ id: number }>('/unplanned-inspections', { enterpriseId: enterprise.id, trigger: 'complaint', reason: '群众投诉企业可燃气体报警装置长期失效', plannedDate: today }), 'unplanned');
  const ins = ok(
    await officer.post<{ id: number }>('/inspections', {
      enterpriseId: enterprise.id,
      origin: 'unplanned',
      unplannedRequestId: unplanned.id,
      legalBasis: '《中华人民共和国安全生产法》第六十五条',
      plannedDate: today,
      officerIds: officers.map((o) => o.id),
    }),
    'file inspection',
  );
  ok(await officer.post(`/inspections/${ins.id}/enter`, {}), 'enter');
  ok(await officer.post(`/inspections/${ins.id}/show-credentials`, {}), 'credentials');
  ok(await officer.post(`/inspections/${ins.id}/commitment`, { signerNames: officers.map((o) => o.name) }), 'commitment');
  ok(
    await officer.post(`/inspections/${ins.id}/findings`, {
      clientId: `pen-${Date.now().toString(36)}`,
      description: '安全设备未经常性维护，可燃气体报警装置失效，构成重大事故隐患',
      disposition: 'violation',
      major: true,
      deadline: addDays(today, 10),
      responsiblePerson: '王建国',
      trackerName: '李督办',
    }),
    'finding',
  );
  const detail = ok(await officer.get<{ findings: { penaltyCaseId: number | null }[] }>(`/inspections/${ins.id}`), 'inspection');
  const caseId = detail.findings.find((f) => f.penaltyCaseId)!.penaltyCaseId!;
  const proposal = ok(await officer.post<{ amountRange: { min: number; max: number } }>('/discretion/propose', FACTS), 'propose');
  const admin = await apiSession(baseUrl, 'admin');
  ok(await admin.post('/users', { username: ENTERPRISE_USER, password: DEMO_PASSWORD, displayName: '企业安全负责人', role: 'enterprise', enterpriseId: enterprise.id }), 'enterprise user');
  return { inspectionId: ins.id, caseId, enterpriseId: enterprise.id, enterpriseName: enterprise.name, investigatorNames: officers.map((o) => o.name), investigatorIds: officers.map((o) => o.id), range: proposal.amountRange };
}

beforeAll(async () => {
  prep = await prepare(env.stack.baseUrl);
});

const { open } = env;

const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|Upload|items?\/page|undefined|NaN|null|OK)\b/;

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak, hiddenColumns: true });

const caseUrl = () => `/cases/${prep.caseId}`;
const status = (page: Page) => page.locator('.page-header-title .case-status').first();

/** Takes an action offered in the next-step panel; the dialog asks for the reason when the action needs one. */
async function act(page: Page, action: string, reason?: string) {
  await page.getByTestId(`action-${action}`).click();
  if (reason !== undefined) await page.getByTestId('action-reason').fill(reason);
  await page.getByTestId('action-confirm').click();
  const dialog = page.locator('.ant-modal-wrap:visible');
  const error = page.getByTestId('action-error');
  await Promise.race([dialog.waitFor({ state: 'detached' }), error.waitFor()]);
  if (await error.isVisible()) throw new Error(`“${action}”被拒绝：${await error.textContent()}`);
}

/** 负责人集体讨论: three leaders and their conclusion (第五十七条第二款). */
async function recordDiscussion(page: Page) {
  await page.getByTestId('collective-discussion').click();
  const form = page.getByTestId('collective-discussion-form');
  const names = ['张局长', '李副局长', '王副局长'];
  for (let i = 0; i < names.length; i++) await form.getByPlaceholder('姓名').nth(i).fill(names[i]!);
  // issue #17: what each said goes into the 集体讨论记录
  await form.getByRole('combobox', { name: '发言人' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '张局长' }).first().click();
  await form.getByLabel('讨论意见').fill('同意法制审核意见');
  await form.locator('textarea').fill('同意法制审核意见，按拟处罚内容作出决定');
  await page.locator('.ant-modal').getByRole('button', { name: '登记' }).click();
  await page.getByTestId('case-discussion').waitFor();
}

describe('行政处罚案件与信用', () => {
  it('R18/R25/R27/R28/R29: 检查发现的违法行为 → 立案 → 裁量 → 告知 → 法制审核（退回、通过）→ 集体讨论决定 → 门户网站公示', async () => {
    // ---- officer: from the inspection's finding to the case draft; choose the investigators ----
    let s = await open('desktop', 'county.officer');
    await s.page.goto(`/inspections/${prep.inspectionId}`);
    await s.page.getByTestId('finding-case-link').click();
    await s.page.waitForURL(`**${caseUrl()}`);
    await expect.poll(() => status(s.page).getAttribute('data-status')).toBe('draft');
    // R18: the evidence fixed at the inspection, with the finding
    await expect.poll(() => s.page.getByTestId('case-evidence').textContent()).toContain('可燃气体报警装置失效');
    // R28: the officer cannot open the case — the action is not offered at all
    expect(await s.page.getByTestId('action-open').count()).toBe(0);
    const select = s.page.getByTestId('investigators-select');
    for (const name of prep.investigatorNames) {
      if (await select.locator('.ant-select-selection-item', { hasText: name }).count()) continue;
      await select.click();
      await s.page.keyboard.type(name);
      await s.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
      await s.page.keyboard.press('Escape');
    }
    await s.page.getByTestId('save-investigators').click();
    await expect.poll(() => s.page.getByTestId('case-waiting').textContent()).toContain('负责人');
    await checkPage(s.page, 'desktop-case-draft-officer', false);
    await s.ctx.close();

    // ---- leader: 批准立案 ----
    s = await open('desktop', 'county.leader');
    await s.page.goto(caseUrl());
    await act(s.page, 'open', '同意立案调查');
    await expect.poll(() => status(s.page).getAttribute('data-status')).toBe('opened');
    await expect.poll(() => s.page.getByTestId('case-document').count()).toBe(1);
    await s.page.getByTestId('case-title').filter({ hasText: '立' }).waitFor();
    await s.ctx.close();

    // ---- officer: investigate, assess the violation with the discretion engine (R25), notify (R27) ----
    s = await open('desktop', 'county.officer');
    const { page } = s;
    await page.goto(caseUrl());
    await act(page, 'start_investigation');
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('investigating');
    await page.getByTestId('add-violation').click();
    await page.getByTestId('item-select').click();
    await page.keyboard.type('第九十七条 · 发现违法行为 · 生产经营单位');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    // R29: the item (项) of 第九十七条 applied — the decision names it
    await page.getByTestId('clause-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '第（三）项' }).click();
    await page.getByTestId('circumstance').getByText('较重').click();
    await page.getByTestId('propose-button').click();
    await page.getByTestId('discretion-proposal').waitFor();
    expect(await page.getByTestId('proposal-basis').textContent()).toContain('第九十七条第（三）项');
    expect(await page.getByTestId('article-text').count()).toBeGreaterThan(0);
    // above the statutory maximum: refused by the server, its Chinese message shown
    await page.getByTestId('amount-input').fill('200000');
    await page.getByTestId('deviation-input').fill('情节恶劣，需顶格处罚');
    await page.getByTestId('save-violation').click();
    await expect.poll(() => page.getByTestId('violation-error').textContent()).toContain('超过法定最高数额');
    // outside the tier: the written reason is asked for (R25)
    const chosen = prep.range.max + 1000 <= 100000 ? prep.range.max + 1000 : prep.range.min - 1000;
    await page.getByTestId('amount-input').fill(String(chosen));
    await page.getByTestId('deviation-input').fill('企业多次约谈仍未整改，社会影响较大');
    await checkPage(page, 'desktop-case-discretion', false);
    await page.getByTestId('save-violation').click();
    await page.getByTestId('violation').first().waitFor();
    expect(await page.getByTestId('deviation-reason').textContent()).toContain('多次约谈');
    expect(await page.getByTestId('combined-total').textContent()).toContain(chosen >= 10000 && chosen % 100 === 0 ? `${chosen / 10000}万元` : `${chosen}元`);
    await act(page, 'notify');
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('notified');
    await act(page, 'waive_rights'); // the party's written waiver, recorded by the officer (R27)
    await act(page, 'submit_review');
    await expect.poll(() => status(page).getAttribute('data-status')).toBe('legal_review');
    await checkPage(page, 'desktop-case-officer-submitted', false);
    await s.ctx.close();

    // ---- legal reviewer: the queue, then return with comments (R28) ----
    s = await open('desktop', 'legal');
    await s.page.getByRole('menuitem', { name: '法制审核' }).click();
    await s.page.waitForURL('**/legal-review');
    await s.page.locator(`[data-testid="review-row"][data-id="${prep.caseId}"]`).waitFor();
    await checkPage(s.page, 'desktop-legal-review-queue', false);
    await s.page.locator(`[data-testid="review-row"][data-id="${prep.caseId}"] a`).first().click();
    await s.page.waitForURL(`**${caseUrl()}`);
    expect(await s.page.getByTestId('action-decide').count()).toBe(0); // a reviewer never decides
    await s.page.getByTestId('action-reject_review').click();
    await expect.poll(() => s.page.getByTestId('action-confirm').isDisabled()).toBe(true); // comments required
    await s.page.getByTestId('action-reason').fill('请补充可燃气体报警装置维护记录的调查笔录');
    await s.page.getByTestId('action-confirm').click();
    await expect.poll(() => status(s.page).getAttribute('data-status')).toBe('investigating');
    expect(await s.page.getByTestId('case-reviews').textContent()).toContain('请补充可燃气体报警装置维护记录');
    await s.ctx.close();

    // ---- officer: notify again and resubmit ----
    s = await open('desktop', 'county.officer');
    await s.page.goto(caseUrl());
    await act(s.page, 'notify');
    await act(s.page, 'waive_rights');
    await act(s.page, 'submit_review');
    await expect.poll(() => status(s.page).getAttribute('data-status')).toBe('legal_review');
    await s.ctx.close();

    // ---- legal reviewer approves ----
    s = await open('desktop', 'legal');
    await s.page.goto(caseUrl());
    await act(s.page, 'approve_review', '事实清楚，证据确凿，适用依据正确，程序合法，裁量理由充分');
    await expect.poll(() => s.page.getByTestId('case-reviews').textContent()).toContain('审核通过');
    await s.ctx.close();

    // ---- leader: collective discussion, decision (两书同达), then the officer publishes (R29) ----
    s = await open('desktop', 'county.leader');
    await s.page.goto(caseUrl());
    expect(await s.page.getByTestId('action-decide').count()).toBe(0); // not before the collective discussion
    await recordDiscussion(s.page);
    await act(s.page, 'decide', '经负责人集体讨论，同意处罚');
    await expect.poll(() => status(s.page).getAttribute('data-status')).toBe('decided');
    const kinds = await s.page.getByTestId('case-document').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['penalty_decision', 'credit_repair_notice']));
    expect(await s.page.getByTestId('publication-state').textContent()).toContain('待公示');
    await s.page.getByTestId('publish-decision').click();
    await expect.poll(() => s.page.getByTestId('publication-state').textContent()).toContain('已于');
    const events = await s.page.getByTestId('case-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(events).toEqual(expect.arrayContaining(['open', 'start_investigation', 'add_violation', 'notify', 'submit_review', 'reject_review', 'approve_review', 'decide']));
    await checkPage(s.page, 'desktop-case-decided', false);
    await s.ctx.close();

    // ---- the case file on the phone ----
    s = await open('phone', 'county.officer');
    await s.page.goto(caseUrl());
    await s.page.getByTestId('case-timeline').waitFor();
    await checkPage(s.page, 'phone-case-decided', true);
    await s.page.goto('/cases');
    await s.page.locator(`[data-testid="case-row"][data-id="${prep.caseId}"]`).waitFor();
    await checkPage(s.page, 'phone-case-list', true);
    await s.ctx.close();

    // ---- the public portal, no login ----
    for (const kind of ['desktop', 'phone'] as const) {
      s = await open(kind);
      await s.page.goto('/public/targets');
      await s.page.getByRole('link', { name: '行政处罚决定' }).click();
      await s.page.waitForURL('**/public/penalties');
      const card = s.page.locator(`[data-testid="public-decision"][data-id="${prep.caseId}"]`);
      await card.waitFor();
      expect(await card.getByTestId('public-party').textContent()).toBe(prep.enterpriseName);
      expect(await card.getByTestId('public-decision-text').textContent()).toContain('罚款');
      await checkPage(s.page, `${kind}-public-penalties`, kind === 'phone');
      await s.page.getByRole('link', { name: '严重失信主体名单' }).click();
      await s.page.waitForURL('**/public/blacklist');
      await s.page.getByRole('heading', { name: '安全生产严重失信主体名单' }).waitFor();
      await checkPage(s.page, `${kind}-public-blacklist`, kind === 'phone');
      expect(s.problems).toEqual([]);
      await s.ctx.close();
    }
  }, 300_000);

  it('R27/R30: 案件列表按状态筛选并显示办案期限倒计时；非法操作不提供', async () => {
    const s = await open('desktop', 'county.officer');
    await s.page.getByRole('menuitem', { name: '行政处罚案件' }).click();
    await s.page.waitForURL('**/cases');
    await s.page.locator(`[data-testid="case-row"][data-id="${prep.caseId}"]`).waitFor();
    expect(await s.page.locator(`[data-testid="case-row"][data-id="${prep.caseId}"] [data-testid="countdown"]`).count()).toBeGreaterThanOrEqual(0);
    await s.page.getByTestId('case-quick-status').getByText('法制审核').click();
    await s.page.waitForURL((u) => u.searchParams.get('status') === 'legal_review');
    await expect.poll(() => s.page.locator(`[data-testid="case-row"][data-id="${prep.caseId}"]`).count()).toBe(0);
    await s.page.getByTestId('case-quick-status').getByText('已决定').click();
    await s.page.locator(`[data-testid="case-row"][data-id="${prep.caseId}"]`).waitFor();
    await checkPage(s.page, 'desktop-case-list', false);
    // a decided case: the officer is offered serving only, never deciding or reviewing
    await s.page.goto(caseUrl());
    await s.page.getByTestId('action-serve').waitFor();
    const offered = await s.page.getByTestId('case-actions').locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(offered).toEqual(['serve']);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // the legal reviewer's record of reviews: the return with its comments, then the approval (R28)
    const l = await open('desktop', 'legal');
    await l.page.goto('/legal-review');
    // the history is a second query of the page: give it time on a loaded machine
    await expect.poll(() => l.page.getByTestId('review-history').textContent(), { timeout: 15_000 }).toContain('退回补充调查');
    expect(await l.page.getByTestId('review-history').textContent()).toContain('审核通过');
    await checkPage(l.page, 'desktop-legal-review-history', false);
    await l.ctx.close();

    // issue #17: the officer serves on a phone — 留置送达 asks for the witness; the 送达回证 is generated
    const m = await open('phone', 'county.officer');
    await m.page.goto(caseUrl());
    await m.page.getByTestId('action-serve').click();
    const serve = m.page.getByTestId('serve-form');
    // on a loaded machine a click can land while the dropdown still opens: choose again until the witness field shows
    const witness = serve.getByLabel('见证人', { exact: true });
    for (let attempt = 0; attempt < 5 && !(await witness.isVisible()); attempt++) {
      await serve.getByRole('combobox', { name: '送达方式' }).click();
      await m.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '留置送达' }).first().click();
      await witness.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await serve.getByTestId('serve-place').fill('当事人生产经营场所');
    await witness.fill('孙见证');
    await checkPage(m.page, 'phone-case-serve', true);
    await m.page.getByTestId('action-confirm').click();
    await m.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
    await expect.poll(() => status(m.page).getAttribute('data-status')).toBe('served');
    await expect.poll(() => m.page.getByTestId('case-service').textContent()).toContain('留置送达');
    expect(m.problems).toEqual([]);
    await m.ctx.close();
  }, 150_000);

  it('R27: 执法人员直接登记案件草稿（投诉举报等线索），待负责人批准立案', async () => {
    const s = await open('desktop', 'county.officer');
    await s.page.goto('/cases');
    await s.page.getByTestId('new-case').click();
    const form = s.page.getByTestId('new-case-form');
    await form.getByLabel('企业').click();
    await s.page.keyboard.type(prep.enterpriseName.slice(0, 4));
    await s.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: prep.enterpriseName }).first().click();
    await form.locator('textarea').fill('群众举报企业特种作业人员未持证上岗');
    await s.page.locator('.ant-modal-footer .ant-btn-primary').click();
    await s.page.waitForURL(/\/cases\/\d+$/);
    await expect.poll(() => status(s.page).getAttribute('data-status')).toBe('draft');
    expect(await s.page.getByTestId('case-facts').textContent()).toContain('特种作业人员未持证上岗');
    expect(s.problems).toEqual([]);
    await s.ctx.close();
  }, 60_000);

  it('R29/R32: 企业申请信用修复，执法机构在3个工作日内答复（按期）', async () => {
    // the enterprise, on the phone: its credit record, the repair application with the answer countdown
    let s = await open('phone', ENTERPRISE_USER);
    await s.page.goto('/credit');
    await s.page.getByTestId('credit-fact').first().waitFor();
    await s.page.getByTestId('apply-repair').first().click();
    for (const k of ['obligationsPerformed', 'violationCorrected', 'commitmentSigned', 'noNewSeriousConduct']) await s.page.getByTestId(`repair-${k}`).click();
    await s.page.getByTestId('repair-statement').fill('罚款已全额缴纳，报警装置已更换并检测合格，已签署信用承诺书');
    await s.page.locator('.ant-modal-footer .ant-btn-primary').click();
    await s.page.getByTestId('repair-item').first().waitFor();
    await expect.poll(() => s.page.getByTestId('answer-countdown').first().textContent()).toMatch(/剩余 3 个工作日|剩余 \d 个工作日|今日到期/);
    expect(await s.page.getByTestId('answer-countdown').first().getAttribute('data-late')).toBe('0');
    await checkPage(s.page, 'phone-enterprise-credit', true);
    // its cases too
    await s.page.goto('/cases');
    await s.page.locator(`[data-testid="case-row"][data-id="${prep.caseId}"]`).waitFor();
    await checkPage(s.page, 'phone-enterprise-cases', true);
    // its case: the decision and documents, never the internal file (legal review, interventions) nor any action
    await s.page.locator(`[data-testid="case-row"][data-id="${prep.caseId}"] a`).first().click();
    await s.page.getByTestId('decision').waitFor();
    expect(await s.page.getByTestId('case-reviews').count()).toBe(0);
    expect(await s.page.getByTestId('case-interventions').count()).toBe(0);
    expect(await s.page.locator('[data-testid="case-actions"]').count()).toBe(0);
    expect(await s.page.getByTestId('enterprise-hint').textContent()).toContain('行政复议'); // R27
    await checkPage(s.page, 'phone-enterprise-case', true);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // the leader answers in time
    s = await open('desktop', 'county.leader');
    await s.page.getByRole('menuitem', { name: '信用修复与异议' }).click();
    await s.page.waitForURL('**/credit/repairs');
    const row = s.page.locator('[data-testid="repair-row"]').first();
    await row.waitFor();
    expect(await row.getAttribute('data-late')).toBe('0');
    await checkPage(s.page, 'desktop-credit-repairs', false);
    await row.getByTestId('decide-repair').click();
    await s.page.getByTestId('repair-approve').getByText('不予修复').click();
    await s.page.getByTestId('repair-opinion').fill('处罚信息最短公示期未满，暂不予修复，期满后可再次申请');
    await s.page.getByTestId('repair-submit').click();
    await s.page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await s.page.getByText('全部', { exact: true }).click();
    await expect.poll(() => s.page.getByTestId('answer-in-time').count()).toBeGreaterThan(0);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // the enterprise sees the answer, on time
    s = await open('desktop', ENTERPRISE_USER);
    await s.page.goto('/credit');
    await s.page.getByTestId('answer-in-time').first().waitFor();
    await checkPage(s.page, 'desktop-enterprise-credit', false);
    await s.ctx.close();
  }, 180_000);
  it('R27: 企业在线陈述申辩（附材料）并申请听证，执法人员在案卷中看到并安排听证；听证举行前企业撤回听证申请，案件提交法制审核', async () => {
    // a second case of the same enterprise, notified today with a fine that carries the hearing right
    const officer = await apiSession(env.stack.baseUrl, 'county.officer');
    const leader = await apiSession(env.stack.baseUrl, 'county.leader');
    const ok = <T>(r: { status: number; body: T }, what: string): T => {
      if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const created = ok(await officer.post<{ id: number }>('/penalty-cases', { enterpriseId: prep.enterpriseId, facts: '特种作业人员未按照规定经专门的安全作业培训并取得相应资格上岗作业', investigatorIds: prep.investigatorIds }), 'create');
    const id = created.id;
    ok(await leader.post(`/penalty-cases/${id}/actions`, { action: 'open', reason: '同意立案' }), 'open');
    ok(await officer.post(`/penalty-cases/${id}/actions`, { action: 'start_investigation' }), 'investigate');
    ok(await officer.post(`/penalty-cases/${id}/violations`, { facts: FACTS }), 'violation');
    const notified = ok(await officer.post<{ hearingRightReasons: string[] }>(`/penalty-cases/${id}/actions`, { action: 'notify' }), 'notify');
    expect(notified.hearingRightReasons.length).toBeGreaterThan(0);

    // ---- the enterprise, on its own case: the periods and its three acts ----
    let s = await open('desktop', ENTERPRISE_USER);
    await s.page.goto('/cases');
    await s.page.locator(`[data-testid="case-row"][data-id="${id}"] a`).first().click();
    await s.page.waitForURL(`**/cases/${id}`);
    const panel = s.page.getByTestId('party-rights');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('要求听证：请于');
    for (const a of ['record_statement', 'request_hearing', 'waive_rights']) await s.page.getByTestId(`party-${a}`).waitFor();
    expect(await s.page.locator('[data-testid="case-actions"]').count()).toBe(0); // no staff action, ever
    await checkPage(s.page, 'desktop-enterprise-case-notified', false);
    // the statement, with a scanned letter attached
    await s.page.getByTestId('party-rights').screenshot({ path: `${SHOTS}/desktop-enterprise-party-panel.png` });
    await s.page.getByTestId('party-record_statement').click();
    await s.page.getByTestId('action-reason').fill('对违法事实无异议。涉事人员已于告知前取得特种作业操作证，系首次违法，请求从轻处罚。');
    await s.page.getByTestId('party-upload').locator('input[type=file]').setInputFiles({ name: '陈述申辩书.png', mimeType: 'image/png', buffer: PNG });
    await s.page.locator('[data-testid="party-upload"] .hz-upload-item[data-status="done"]').waitFor();
    await checkPage(s.page, 'desktop-enterprise-statement-form', false);
    await s.page.getByTestId('action-confirm').click();
    await s.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
    await expect.poll(() => status(s.page).getAttribute('data-status')).toBe('defence');
    await expect.poll(() => s.page.getByTestId('party-submission').count()).toBe(1);
    expect(await s.page.getByTestId('party-attachment').textContent()).toContain('陈述申辩书.png');
    // then the hearing
    await s.page.getByTestId('party-request_hearing').click();
    await s.page.getByTestId('action-reason').fill('拟罚款数额较大，要求举行听证');
    await s.page.getByTestId('action-confirm').click();
    await s.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
    await expect.poll(() => status(s.page).getAttribute('data-status')).toBe('hearing');
    await expect.poll(() => s.page.getByTestId('enterprise-hint').textContent()).toContain('要求听证');
    expect(await s.page.getByTestId('party-request_hearing').count()).toBe(0); // asked once
    await s.page.getByTestId('party-withdraw_hearing').waitFor(); // …and may be withdrawn until it is held
    const tl = await s.page.getByTestId('case-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(tl).toEqual(expect.arrayContaining(['notify', 'record_statement', 'request_hearing']));
    await checkPage(s.page, 'desktop-enterprise-case-hearing', false);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    s = await open('phone', ENTERPRISE_USER);
    await s.page.goto(`/cases/${id}`);
    await s.page.getByTestId('party-submission').first().waitFor();
    await checkPage(s.page, 'phone-enterprise-case-hearing', true);
    await s.page.getByTestId('case-party').screenshot({ path: `${SHOTS}/phone-enterprise-party-card.png` });
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // ---- the officer: the party's submissions in the case file, and the next step (安排听证) ----
    s = await open('desktop', 'county.officer');
    await s.page.goto(`/cases/${id}`);
    await expect.poll(() => s.page.getByTestId('officer-party-next').textContent()).toContain('安排听证');
    const subs = s.page.getByTestId('party-submission');
    await expect.poll(() => subs.count()).toBe(2);
    expect(await subs.nth(0).getAttribute('data-kind')).toBe('record_statement');
    expect(await subs.nth(0).textContent()).toContain('当事人在线提交');
    expect(await subs.nth(0).textContent()).toContain('特种作业操作证');
    expect(await subs.nth(1).getAttribute('data-kind')).toBe('request_hearing');
    const titles = await s.page.getByTestId('case-event').allTextContents();
    expect(titles.some((t) => t.includes('提交陈述申辩') && t.includes('企业用户'))).toBe(true);
    await checkPage(s.page, 'desktop-officer-case-party', false);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    s = await open('phone', 'county.officer');
    await s.page.goto(`/cases/${id}`);
    await s.page.getByTestId('officer-party-next').waitFor();
    await checkPage(s.page, 'phone-officer-case-party', true);
    await s.page.getByTestId('case-next').screenshot({ path: `${SHOTS}/phone-officer-next-card.png` });
    await s.ctx.close();

    // ---- before the hearing, the enterprise withdraws its request (《行政处罚法》第六十四条): a confirm that says what follows ----
    s = await open('phone', ENTERPRISE_USER);
    await s.page.goto(`/cases/${id}`);
    await s.page.getByTestId('party-withdraw_hearing').click();
    expect(await s.page.getByTestId('withdraw-consequence').textContent()).toContain('撤回后不再举行听证，行政机关将依法作出决定');
    await s.page.getByTestId('action-reason').fill('已与办案机构充分沟通，对拟处罚内容无异议，撤回听证申请');
    await shot(s.page, 'phone-enterprise-withdraw-hearing', { dir: SHOTS, fullPage: false });
    await s.page.getByTestId('action-confirm').click();
    await s.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
    await expect.poll(() => s.page.getByTestId('enterprise-hint').textContent()).toContain(`您已于 ${today} 撤回听证申请`);
    expect(await s.page.getByTestId('party-withdraw_hearing').count()).toBe(0);
    expect(await s.page.getByTestId('hearing-state').textContent()).toContain(`当事人已于 ${today} 撤回听证申请`);
    expect(await status(s.page).getAttribute('data-status')).toBe('hearing');
    const partyTl = await s.page.getByTestId('case-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(partyTl.at(-1)).toBe('withdraw_hearing');
    expect(await s.page.locator('[data-testid="case-event"][data-action="withdraw_hearing"]').textContent()).toContain('对拟处罚内容无异议');
    await checkPage(s.page, 'phone-enterprise-hearing-withdrawn', true);
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // ---- the officer: the withdrawal among the party's submissions, no hearing record to keep, the legal review next ----
    s = await open('desktop', 'county.officer');
    await s.page.goto(`/cases/${id}`);
    await expect.poll(() => s.page.getByTestId('officer-party-next').textContent()).toContain(`当事人已于 ${today} 撤回听证申请`);
    const all = s.page.getByTestId('party-submission');
    await expect.poll(() => all.count()).toBe(3);
    expect(await all.nth(2).getAttribute('data-kind')).toBe('withdraw_hearing');
    expect(await all.nth(2).textContent()).toContain('当事人在线提交');
    expect(await s.page.getByTestId('hearing-state').textContent()).toContain(`当事人已于 ${today} 撤回听证申请`);
    expect(await s.page.getByText('保存听证记录').count()).toBe(0);
    expect(await s.page.getByTestId('action-withdraw_hearing').count()).toBe(0);
    await checkPage(s.page, 'desktop-officer-hearing-withdrawn', false);
    await act(s.page, 'submit_review');
    await expect.poll(() => status(s.page).getAttribute('data-status')).toBe('legal_review');
    expect(s.problems).toEqual([]);
    await s.ctx.close();

    // ---- a paper statement on a phone-width screen: the officer's form with the day received ----
    const other = ok(await officer.post<{ id: number }>('/penalty-cases', { enterpriseId: prep.enterpriseId, facts: '未如实记录安全生产教育和培训情况', investigatorIds: prep.investigatorIds }), 'create 2').id;
    ok(await leader.post(`/penalty-cases/${other}/actions`, { action: 'open' }), 'open 2');
    ok(await officer.post(`/penalty-cases/${other}/actions`, { action: 'start_investigation' }), 'investigate 2');
    ok(await officer.post(`/penalty-cases/${other}/violations`, { facts: FACTS }), 'violation 2');
    ok(await officer.post(`/penalty-cases/${other}/actions`, { action: 'notify' }), 'notify 2');
    s = await open('phone', 'county.officer');
    await s.page.goto(`/cases/${other}`);
    await s.page.getByTestId('action-record_statement').click();
    await s.page.getByTestId('received-on').waitFor();
    await s.page.getByTestId('action-reason').fill('当事人来函：已完成全员安全培训并建立培训档案');
    await shot(s.page, 'phone-officer-paper-statement', { dir: SHOTS, fullPage: false });
    await s.page.getByTestId('action-confirm').click();
    await s.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
    await expect.poll(() => s.page.getByTestId('party-submission').first().textContent()).toContain('承办人员登记');
    await expect.poll(() => s.page.getByTestId('officer-party-next').textContent()).toContain('复核陈述申辩意见');
    await expect.poll(() => s.page.getByTestId('statement-answer').first().textContent()).toContain('采纳情况待登记');
    // R27/R29: the officer answers the statement (采纳情况), which the decision will state
    await s.page.getByTestId('statement-answer-open').first().click();
    await s.page.getByTestId('statement-answer-result').getByText('部分采纳').click();
    await s.page.getByTestId('statement-answer-reasons').fill('已完成培训属实，从轻考虑；培训记录缺失的事实清楚');
    await s.page.getByTestId('statement-answer-save').click();
    await s.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
    await expect.poll(() => s.page.getByTestId('statement-answer').first().textContent()).toContain('部分采纳');
    await checkPage(s.page, 'phone-officer-paper-recorded', true);
    expect(s.problems).toEqual([]);
    await s.ctx.close();
  }, 240_000);
});
