/**
 * The approval state machine of one county-year (pure): county -> league -> region, approved = locked.
 *
 *   not_started/draft/returned --submit (enter)--> submitted --approve (approve)--> league_approved
 *   league_approved --approve (manage)--> approved --unlock (manage, comment)--> returned
 *   submitted --return (approve, comment)--> returned;  league_approved --return (manage, comment)--> returned
 *
 * A region officer holds approve and manage, so it may take the league step too, but every step stays a separate
 * action (two approvals for a county the league has not seen).
 */
import type { Permission } from '../../../../../contracts/access.ts';
import type { SubmissionAction, SubmissionStatus } from '../shared/monitoring.tables.ts';

export type FormStatus = SubmissionStatus | 'not_started';

/** What the caller may do for this county (permission held with the county inside its scope). */
export interface Capabilities {
  enter: boolean;
  approve: boolean;
  manage: boolean;
}

interface Edge {
  from: readonly FormStatus[];
  to: SubmissionStatus;
  needs: keyof Capabilities;
  commentRequired: boolean;
}

const EDGES: Record<SubmissionAction, readonly Edge[]> = {
  submit: [{ from: ['not_started', 'draft', 'returned'], to: 'submitted', needs: 'enter', commentRequired: false }],
  approve: [
    { from: ['submitted'], to: 'league_approved', needs: 'approve', commentRequired: false },
    { from: ['league_approved'], to: 'approved', needs: 'manage', commentRequired: false },
  ],
  return: [
    { from: ['submitted'], to: 'returned', needs: 'approve', commentRequired: true },
    { from: ['league_approved'], to: 'returned', needs: 'manage', commentRequired: true },
  ],
  unlock: [{ from: ['approved'], to: 'returned', needs: 'manage', commentRequired: true }],
};

export const ACTIONS: readonly SubmissionAction[] = ['submit', 'return', 'approve', 'unlock'];

/**
 * The one statement of who may attempt each action: the permission its route requires (POST …/{action}) and the
 * service checks the county against. The step itself may need more (`transition`: the region's approval needs
 * manage); `summary` documents the route.
 */
export const ACTION_RULES: Record<SubmissionAction, { permission: Permission; summary: string }> = {
  submit: { permission: 'monitoring:enter', summary: '提交审核' },
  return: { permission: 'monitoring:approve', summary: '退回（须填写意见）' },
  approve: { permission: 'monitoring:approve', summary: '审核通过（盟市初审 / 自治区审定）' },
  unlock: { permission: 'monitoring:manage', summary: '解锁已审定数据（须填写意见）' },
};

export type Transition =
  { ok: true; to: SubmissionStatus; commentRequired: boolean } | { ok: false; reason: 'state' | 'permission' };

/** The outcome of `action` on a form in `status` for a caller with `caps`. */
export function transition(status: FormStatus, action: SubmissionAction, caps: Capabilities): Transition {
  const edge = EDGES[action].find((e) => e.from.includes(status));
  if (!edge) return { ok: false, reason: 'state' };
  if (!caps[edge.needs]) return { ok: false, reason: 'permission' };
  return { ok: true, to: edge.to, commentRequired: edge.commentRequired };
}

/** Actions open to the caller now. */
export function availableActions(status: FormStatus, caps: Capabilities): SubmissionAction[] {
  return ACTIONS.filter((a) => transition(status, a, caps).ok);
}

/** Values can be changed only before submission or after a return. */
export function isEditableStatus(status: FormStatus): boolean {
  return status === 'not_started' || status === 'draft' || status === 'returned';
}

/** Who acts next once a form is in `status`: the county, the league, the region, or nobody. */
export function nextActor(status: SubmissionStatus): 'county' | 'league' | 'region' | null {
  switch (status) {
    case 'draft':
    case 'returned':
      return 'county';
    case 'submitted':
      return 'league';
    case 'league_approved':
      return 'region';
    case 'approved':
      return null;
  }
}

export const STATUS_LABELS: Record<FormStatus, { zh: string; en: string }> = {
  not_started: { zh: '未填报', en: 'Not started' },
  draft: { zh: '填报中', en: 'Draft' },
  submitted: { zh: '待盟市审核', en: 'Awaiting league review' },
  league_approved: { zh: '待自治区审定', en: 'Awaiting region approval' },
  approved: { zh: '已审定（锁定）', en: 'Approved (locked)' },
  returned: { zh: '已退回', en: 'Returned' },
};

export const ACTION_LABELS: Record<SubmissionAction, { zh: string; en: string }> = {
  submit: { zh: '提交', en: 'Submit' },
  return: { zh: '退回', en: 'Return' },
  approve: { zh: '审核通过', en: 'Approve' },
  unlock: { zh: '解锁', en: 'Unlock' },
};
