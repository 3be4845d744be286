/** 交易洽谈 views' pure parts: status names, what the caller may do in a deal room. */
import type { Text } from '../../../shared/i18n.ts';

export const DEAL_STATUS_TAGS: Readonly<Record<string, Text & { color: string }>> = {
  nda: { zh: '待签保密协议', en: 'Awaiting NDA', color: 'gold' },
  negotiating: { zh: '洽谈中', en: 'Negotiating', color: 'processing' },
  contracting: { zh: '合同签署中', en: 'Contracting', color: 'cyan' },
  signed: { zh: '已签约', en: 'Signed', color: 'green' },
  declined: { zh: '已终止', en: 'Ended', color: 'default' },
};

export const DECLINE_REASON_NAMES: Readonly<Record<string, Text>> = {
  too_early: { zh: '技术太早期', en: 'Too early' },
  benefit_unclear: { zh: '效益不清楚', en: 'Benefit unclear' },
  route_unclear: { zh: '转化路径不清楚', en: 'Route to market unclear' },
  not_our_field: { zh: '不是我们的领域', en: 'Not our field' },
  price: { zh: '价格不合适', en: 'Price' },
  other: { zh: '其他', en: 'Other' },
};

export const OFFER_STATUS_NAMES: Readonly<Record<string, Text>> = {
  pending: { zh: '待答复', en: 'Pending' },
  accepted: { zh: '已接受', en: 'Accepted' },
  countered: { zh: '已还价', en: 'Countered' },
  superseded: { zh: '已撤换', en: 'Superseded' },
};

interface Step {
  code: string;
  buyerApprovedAt: string | null;
  sellerApprovedAt: string | null;
}

export interface DealActions {
  proceed: boolean;
  talk: boolean;
  offer: boolean;
  /** Offer ids the caller may accept (the other side's pending offers). */
  accept: number[];
  /** Step codes the caller may approve now (签署 only after the other three are approved by both). */
  approve: string[];
  decline: boolean;
}

/** What the caller may do in a deal: nothing for an officer reading, by status for a party. */
export function dealActions(d: {
  status: string;
  myRole: 'buyer' | 'seller' | null;
  ndaStatus: string | null;
  offers: { id: number; fromRole: string; status: string }[];
  steps: Step[];
}): DealActions {
  const none: DealActions = { proceed: false, talk: false, offer: false, accept: [], approve: [], decline: false };
  const me = d.myRole;
  if (!me || d.status === 'signed' || d.status === 'declined') return none;
  const mine = (s: Step) => (me === 'buyer' ? s.buyerApprovedAt : s.sellerApprovedAt);
  const both = (s: Step) => s.buyerApprovedAt !== null && s.sellerApprovedAt !== null;
  const others = d.steps.filter((s) => s.code !== 'signing');
  return {
    proceed: d.status === 'nda' && d.ndaStatus === 'approved',
    talk: d.status !== 'nda',
    offer: d.status === 'negotiating',
    accept:
      d.status === 'negotiating'
        ? d.offers.filter((o) => o.status === 'pending' && o.fromRole !== me).map((o) => o.id)
        : [],
    approve:
      d.status === 'contracting'
        ? d.steps.filter((s) => !mine(s) && (s.code !== 'signing' || others.every(both))).map((s) => s.code)
        : [],
    decline: true,
  };
}

/**
 * The contract steps' current index for the Steps display: the first step not yet approved by both parties, or the
 * number of steps once all are (so no finished step is drawn as the one in progress).
 */
export function currentStepIndex(steps: readonly Step[]): number {
  const i = steps.findIndex((s) => s.buyerApprovedAt === null || s.sellerApprovedAt === null);
  return i === -1 ? steps.length : i;
}
