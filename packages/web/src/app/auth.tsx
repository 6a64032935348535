import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@anjian/domain/enums';
import { api, ApiError, type Me } from '../api';
import { forgetFieldDay } from './persist';

export const meKey = ['me'] as const;

/** when this page load began: a user older than that was restored from the phone (app/persist.ts) */
export const BOOT = Date.now();

/** The signed-in user, or null when there is no session. */
export function useMe() {
  const queryClient = useQueryClient();
  return useQuery<Me | null>({
    queryKey: meKey,
    queryFn: async () => {
      let me: Me | null;
      try {
        me = await api.me();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) me = null;
        else throw e;
      }
      // the user restored from the phone is not the one the server knows: drop the previous user's data
      const before = queryClient.getQueryData<Me | null>(meKey);
      if (before && before.id !== me?.id) {
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
        await forgetFieldDay();
      }
      return me;
    },
    staleTime: 5 * 60_000,
    // a user restored from the phone is confirmed by the server at every start, however fresh it looks
    refetchOnMount: (q) => (q.state.dataUpdatedAt < BOOT ? 'always' : true),
    retry: false,
    meta: { silent: true },
  });
}

const registerWriters: Role[] = ['admin', 'leader', 'officer'];

export const can = {
  writeRegisters: (me: Me | null | undefined) => !!me && registerWriters.includes(me.role),
  transferSupervision: (me: Me | null | undefined) => !!me && (me.role === 'admin' || me.role === 'leader'),
  manageUsers: (me: Me | null | undefined) => me?.role === 'admin',
  viewAudit: (me: Me | null | undefined) => !!me && (me.role === 'admin' || me.role === 'oversight'),
  /** enforcement acts (inspections, hazards, cases): officers and leaders — the admin account administers, it does not enforce */
  enforce: (me: Me | null | undefined) => !!me && (me.role === 'officer' || me.role === 'leader'),
  viewStaffRegisters: (me: Me | null | undefined) => !!me && me.role !== 'enterprise',
  /** compile, adjust, submit, file and publish plans; draws; unplanned inspections (the server checks the agency) */
  writePlans: (me: Me | null | undefined) => !!me && registerWriters.includes(me.role),
  /** approve or return plans, decide unplanned requests, deploy holiday rounds */
  approvePlans: (me: Me | null | undefined) => !!me && (me.role === 'admin' || me.role === 'leader'),
  batchPlans: (me: Me | null | undefined) => me?.role === 'admin',
  /** penalty cases (R27–R31): staff see the cases of their jurisdiction, the enterprise its own */
  viewCases: (me: Me | null | undefined) => !!me,
  /** 处罚信息公开 (R29): staff of the jurisdiction see what is due, published and withdrawn */
  viewPublications: (me: Me | null | undefined) => !!me && me.role !== 'enterprise',
  /** publish a decision on the portal and withdraw it when changed or annulled (the server's penalty.write) */
  publishDecisions: (me: Me | null | undefined) => !!me && (me.role === 'officer' || me.role === 'leader'),
  /** 法制审核 queue (R28) */
  legalReview: (me: Me | null | undefined) => !!me && (me.role === 'legal_reviewer' || me.role === 'admin'),
  /** answer credit repair applications and objections, publish the quarterly blacklist (R29, R32) */
  decideCredit: (me: Me | null | undefined) => !!me && (me.role === 'leader' || me.role === 'admin'),
  /** 执法监督 (R25, R31, R38): oversight staff and agency leaders */
  viewOversight: (me: Me | null | undefined) => !!me && (me.role === 'oversight' || me.role === 'leader' || me.role === 'admin'),
  /** the 执法监督 hub (/oversight): oversight staff, leaders, legal reviewers (who review case files, R34) and the admin */
  viewOversightHub: (me: Me | null | undefined) => !!me && (me.role === 'oversight' || me.role === 'leader' || me.role === 'legal_reviewer' || me.role === 'admin'),
  /** one reviewed case file: every staff role (the reviewed agency reads its defects) */
  viewCaseReviews: (me: Me | null | undefined) => !!me && me.role !== 'enterprise',
  /** the staff list of repair applications (oversight reads it too) */
  viewCreditRepairs: (me: Me | null | undefined) => !!me && me.role !== 'enterprise',
};
