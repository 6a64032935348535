// People, accounts and the to-do list in a real browser against the real server (R4, R10, R27, R28): the
// administrator opens a login from a new officer's record and the user list shows the link; pending work is laid out
// for every role (an inspection today with a hazard, a case to file, a notice to answer, a review, a discretion
// alert, a plan to approve), and each role's home page starts with its to-do list, with counts on the menu; one tap
// leads to the next action. Screenshots at desktop (1366) and phone (390) width go to /tmp/shots-people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiSession, DEMO_PASSWORD, launchBrowser, startServer, type Stack, openPage, checkPage as checkPageShared } from './harness.js';

const SHOTS = '/tmp/shots-people';
const NEW_USER = 'xin.zhifa';
const NEW_PASSWORD = 'Xinren#2026e2e';
const ENTERPRISE_USER = 'people.enterprise';
let stack: Stack;
let browser: Browser;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const FACTS = { itemCode: 'aq097.initial.unit', clause: 4, circumstance: 'general', harm: 'general', fault: 'negligent', firstViolation: false, correctedInTime: false, repeatWithinYear: false };

interface Prepared {
  newOfficerId: number;
  reviewCaseId: number;
  newOfficerCaseId: number;
}
let prep: Prepared;

type Session = Awaited<ReturnType<typeof apiSession>>;
const ok = <T>(r: { status: number; body: T }, what: string): T => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** Pending work for every role, through the API as the people concerned would create it. */
async function prepare(baseUrl: string): Promise<Prepared> {
  const officer = await apiSession(baseUrl, 'county.officer');
  const leader = await apiSession(baseUrl, 'county.leader');
  const admin = await apiSession(baseUrl, 'admin');
  const me = ok(await officer.get<{ agency: { id: number }; officerId: number }>('/me'), 'me');
  // an enterprise the county supervises (R1), with its own account
  const enterpriseId = ok(await officer.get<{ items: { id: number }[] }>(`/enterprises?supervisingAgencyId=${me.agency.id}&pageSize=1`), 'enterprises').items[0]!.id;
  ok(await admin.post('/users', { username: ENTERPRISE_USER, password: DEMO_PASSWORD, displayName: '企业安全负责人', role: 'enterprise', enterpriseId }), 'enterprise user');
  const valid = ok(await officer.get<{ items: { id: number; name: string }[] }>(`/officers?agencyId=${me.agency.id}&credentialStatus=valid&pageSize=50`), 'officers').items;
  const self = valid.find((o) => o.id === me.officerId)!;
  const other = valid.find((o) => o.id !== me.officerId)!;
  const team = [self, other];

  // an inspection today with a hazard found: the officer's day, the enterprise's rectification
  const u = ok(await officer.post<{ id: number }>('/unplanned-inspections', { enterpriseId, trigger: 'complaint', reason: '群众投诉企业违规动火作业', plannedDate: today }), 'unplanned');
  const ins = ok(await officer.post<{ id: number }>('/inspections', { enterpriseId, origin: 'unplanned', unplannedRequestId: u.id, legalBasis: '《中华人民共和国安全生产法》第六十五条', plannedDate: today, officerIds: team.map((o) => o.id) }), 'inspection');
  ok(await officer.post(`/inspections/${ins.id}/enter`, {}), 'enter');
  ok(await officer.post(`/inspections/${ins.id}/show-credentials`, {}), 'credentials');
  ok(await officer.post(`/inspections/${ins.id}/commitment`, { signerNames: team.map((o) => o.name) }), 'commitment');
  ok(await officer.post(`/inspections/${ins.id}/findings`, { clientId: `people-${Date.now().toString(36)}`, itemCode: 'G09', description: '隐患排查治理台账未建立', disposition: 'hazard', requirement: '建立隐患排查治理台账', deadline: addDays(today, 10), responsiblePerson: '张安全' }), 'hazard');

  const newCase = (s: Session, investigatorIds: number[]) =>
    s.post<{ id: number }>('/penalty-cases', { enterpriseId, facts: '未按规定对从业人员进行安全生产教育和培训', investigatorIds }).then((r) => ok(r, 'case').id);
  // a case to file (leader)
  await newCase(officer, team.map((o) => o.id));
  // a case notified: the enterprise is to state its case
  const notified = await newCase(officer, team.map((o) => o.id));
  ok(await leader.post(`/penalty-cases/${notified}/actions`, { action: 'open' }), 'open');
  ok(await officer.post(`/penalty-cases/${notified}/actions`, { action: 'start_investigation' }), 'investigate');
  ok(await officer.post(`/penalty-cases/${notified}/violations`, { facts: FACTS }), 'violation');
  ok(await officer.post(`/penalty-cases/${notified}/actions`, { action: 'notify' }), 'notify');
  // a case in legal review, its amount outside the proposed tier with a written reason (an oversight alert)
  const review = await newCase(officer, team.map((o) => o.id));
  ok(await leader.post(`/penalty-cases/${review}/actions`, { action: 'open' }), 'open');
  ok(await officer.post(`/penalty-cases/${review}/actions`, { action: 'start_investigation' }), 'investigate');
  const p = ok(await officer.post<{ amountRange: { min: number; max: number }; statutoryRange: { min: number; max: number } }>('/discretion/propose', FACTS), 'propose');
  const outside = p.amountRange.max + 1000 <= p.statutoryRange.max ? p.amountRange.max + 1000 : p.amountRange.min - 1000;
  ok(await officer.post(`/penalty-cases/${review}/violations`, { facts: FACTS, amount: outside, reason: '企业多次约谈仍未整改，社会影响较大' }), 'violation');
  ok(await officer.post(`/penalty-cases/${review}/actions`, { action: 'notify' }), 'notify');
  ok(await officer.call('PATCH', `/penalty-cases/${review}`, { rightsWaived: true, reason: '当事人书面放弃陈述申辩和听证' }), 'waive');
  ok(await officer.post(`/penalty-cases/${review}/actions`, { action: 'submit_review' }), 'submit review');
  // an inspection outside the plan that needs approval (一事一报)
  ok(await officer.post('/unplanned-inspections', { enterpriseId, trigger: 'other', reason: '计划外了解复工复产情况', plannedDate: addDays(today, 3) }), 'unplanned request');
  // a plan submitted by the officer: the leaders approve it
  const plan = ok(await officer.post<{ id: number }>('/plans', { agencyId: me.agency.id, year: Number(today.slice(0, 4)), params: { seed: 9 } }), 'plan');
  ok(await officer.post(`/plans/${plan.id}/transition`, { action: 'submit' }), 'submit plan');

  // a new officer in the register (its login is opened in the browser below), handling a case just filed
  const created = ok(
    await admin.post<{ id: number }>('/officers', { name: '辛执法', credentialNo: 'ZJ3301069900E2', credentialValidFrom: addDays(today, -10), credentialValidTo: addDays(today, 720), agencyId: me.agency.id, specialties: [] }),
    'new officer',
  );
  const mine = await newCase(officer, [created.id, other.id]);
  ok(await leader.post(`/penalty-cases/${mine}/actions`, { action: 'open' }), 'open');
  return { newOfficerId: created.id, reviewCaseId: review, newOfficerCaseId: mine };
}

/**
 * The screenshots are for reading: this machine's chromium has no CJK font, so the test points fontconfig at the Noto
 * Sans SC the server already ships for its PDFs (only for this browser process, nothing installed).
 */
function cjkFonts() {
  const dir = mkdtempSync(path.join(tmpdir(), 'anjian-fonts-'));
  const fontDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  writeFileSync(path.join(dir, 'fonts.conf'), `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${fontDir}</dir><dir>${path.join(fontDir, '../700Bold')}</dir><cachedir>${dir}/cache</cachedir></fontconfig>`);
  process.env.FONTCONFIG_FILE = path.join(dir, 'fonts.conf');
}

beforeAll(async () => {
  stack = await startServer();
  cjkFonts();
  browser = await launchBrowser();
  prep = await prepare(stack.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const open = (kind: 'desktop' | 'phone', user?: string, password?: string) => openPage(browser, stack.baseUrl, kind, user, password);

const englishLeak = /\b(Submit|Cancel|Search|No data|Loading|Error|Not Found|Page|Upload|items?\/page|undefined|NaN|null|OK)\b|[a-z]+_[a-z]+/;

const checkPage = (page: Page, name: string, phone: boolean) => checkPageShared(page, name, { phone, dir: SHOTS, leak: englishLeak });

/** The to-do entries shown on the home page: test id → text. */
async function todoEntries(page: Page): Promise<Record<string, string>> {
  await page.getByTestId('todo').waitFor();
  await page.locator('[data-testid="todo"] .ant-skeleton').waitFor({ state: 'detached' }).catch(() => undefined);
  return page.locator('[data-testid^="todo-"]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-testid')!, (e as HTMLElement).innerText.replace(/\s+/g, ' ')])));
}

describe('人员账户与待办事项', () => {
  it('R4: the administrator opens a login from the new officer’s record; the user list shows the officer', async () => {
    const { ctx, page, problems } = await open('desktop', 'admin');
    try {
      await page.goto(`/officers/${prep.newOfficerId}`);
      await page.getByTestId('create-account').click();
      const dialog = page.locator('.ant-modal-wrap:visible');
      await dialog.getByLabel('用户名').fill(NEW_USER);
      await dialog.getByLabel('初始密码').fill(NEW_PASSWORD);
      await checkPage(page, 'desktop-officer-create-account', false);
      await dialog.getByRole('button', { name: '开通' }).click();
      await expect.poll(() => page.getByTestId('officer-account').textContent()).toContain(NEW_USER);
      await checkPage(page, 'desktop-officer-detail', false);
      await page.goto('/users');
      const row = page.locator('tr', { hasText: NEW_USER });
      await row.waitFor();
      expect(await row.textContent()).toContain('辛执法');
      await checkPage(page, 'desktop-users', false);
      await page.goto('/officers?q=辛执法');
      await page.locator('tr', { hasText: NEW_USER }).waitFor();
      await checkPage(page, 'desktop-officers', false);
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
    const phone = await open('phone', 'admin');
    try {
      await phone.page.goto(`/officers/${prep.newOfficerId}`);
      await phone.page.getByTestId('officer-account').getByText(NEW_USER).waitFor();
      await checkPage(phone.page, 'phone-officer-detail', true);
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.ctx.close();
    }
  });

  const roles: { user: string; password?: string; name: string; expect: string[]; next?: { todo: string; action: string } }[] = [
    { user: 'county.officer', name: 'officer', expect: ['todo-inspection_today'] },
    { user: NEW_USER, password: NEW_PASSWORD, name: 'new-officer', expect: ['todo-case_step'], next: { todo: 'todo-case_step', action: 'action-start_investigation' } },
    { user: 'county.leader', name: 'leader', expect: ['todo-case_opening', 'todo-plan_approval', 'todo-unplanned_approval'] },
    { user: 'legal', name: 'legal', expect: ['todo-legal_review'], next: { todo: 'todo-legal_review', action: 'action-approve_review' } },
    { user: 'oversight', name: 'oversight', expect: ['todo-alert_discretion'] },
    { user: ENTERPRISE_USER, password: DEMO_PASSWORD, name: 'enterprise', expect: ['todo-hazard_rectify', 'todo-notice_answer'] },
  ];

  for (const r of roles) {
    it(`R4/R10/R22/R27/R28: the ${r.name} home page starts with the to-do list; the menu carries the counts; one tap to the next action`, async () => {
      for (const kind of ['desktop', 'phone'] as const) {
        const { ctx, page, problems } = await open(kind, r.user, r.password);
        try {
          await page.goto('/');
          const entries = await todoEntries(page);
          for (const k of r.expect) expect(entries[k], `${r.name} 待办缺少 ${k}`).toMatch(/\d/);
          // the to-do list is the first card of the page
          const firstCard = await page.locator('.app-content .ant-card').first().getAttribute('data-testid');
          expect(firstCard).toBe('todo');
          if (kind === 'desktop') expect(await page.locator('.app-sider .menu-badge').count()).toBeGreaterThan(0);
          else expect(await page.locator('[data-testid="menu-toggle"] .ant-badge-dot').count()).toBe(1);
          await checkPage(page, `${kind}-home-${r.name}`, kind === 'phone');
          if (r.next && kind === 'desktop') {
            await page.getByTestId(r.next.todo).click();
            await page.getByTestId(r.next.action).waitFor();
            await checkPage(page, `${kind}-next-${r.name}`, false);
          }
          expect(problems).toEqual([]);
        } finally {
          await ctx.close();
        }
      }
    });
  }

  it('R4: the new officer carries the case on: the investigation starts from the to-do entry, which then goes', async () => {
    const { ctx, page, problems } = await open('desktop', NEW_USER, NEW_PASSWORD);
    try {
      await page.goto('/');
      await page.getByTestId('todo-case_step').click();
      await page.getByTestId('action-start_investigation').click();
      await page.getByTestId('action-confirm').click();
      await page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('.page-header-title .case-status').first().getAttribute('data-status')).toBe('investigating');
      // investigating is still the officer's step (assess, notify): the entry stays until the case waits for someone else
      await page.goto('/');
      expect((await todoEntries(page))['todo-case_step']).toMatch(/1/);
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
    // the reviewer approves: the buttons are gone at once, and the leader's list has the decision
    const legal = await open('desktop', 'legal');
    try {
      await legal.page.goto(`/cases/${prep.reviewCaseId}`);
      await legal.page.getByTestId('action-approve_review').click();
      // R28: the approval carries its written opinion (法制审核意见书)
      await legal.page.getByTestId('action-reason').fill('同意');
      await legal.page.getByTestId('action-confirm').click();
      await legal.page.locator('.ant-modal-wrap:visible').waitFor({ state: 'detached' });
      await expect.poll(() => legal.page.getByTestId('case-reviews').textContent()).toContain('审核通过');
      expect(await legal.page.getByTestId('action-approve_review').count()).toBe(0);
      expect(await legal.page.getByTestId('action-reject_review').count()).toBe(0);
      await legal.page.goto('/');
      await legal.page.getByTestId('todo-empty').waitFor();
      await checkPage(legal.page, 'desktop-home-legal-done', false);
      expect(legal.problems).toEqual([]);
    } finally {
      await legal.ctx.close();
    }
    const leader = await open('desktop', 'county.leader');
    try {
      await leader.page.goto('/');
      expect((await todoEntries(leader.page))['todo-case_decision']).toMatch(/1/);
      expect(leader.problems).toEqual([]);
    } finally {
      await leader.ctx.close();
    }
  });
});
