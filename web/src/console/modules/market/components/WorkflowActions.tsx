/**
 * The workflow buttons of an achievement or a demand: the owner's steps (提交, 撤回, 洽谈中, 已转化, 重新挂牌, 已解决)
 * and the reviewer's (开始审核, 公示 with its end date / 发布, 挂牌 after 公示, 不通过 with a reason), and 提出异议
 * for other readers during 公示. Only steps the status allows are shown; the server checks each again.
 */
import { useState } from 'react';
import { App, Button, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { api, ApiError } from '../../../../shared/api.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import {
  achievementOwnerSteps,
  achievementReviewSteps,
  demandOwnerSteps,
  demandReviewSteps,
  publicityEnd,
  publicityOver,
} from '../market-view.ts';

type Kind = 'achievement' | 'demand';
interface Subject {
  id: number;
  status: string;
  isOwner: boolean;
  publicityEndsAt?: string | null;
}

const OWNER_TEXT: Record<string, [string, string]> = {
  submit: ['提交审核', 'Submit for review'],
  withdraw: ['撤回', 'Withdraw'],
  negotiating: ['标记为洽谈中', 'Mark negotiating'],
  transferred: ['标记为已转化', 'Mark transferred'],
  relist: ['重新挂牌', 'List again'],
  close: ['标记为已解决', 'Mark solved'],
};
const REVIEW_TEXT: Record<string, [string, string]> = {
  start: ['开始审核', 'Start review'],
  publicise: ['审核通过，进入公示', 'Approve for 公示'],
  publish: ['审核通过，发布', 'Approve and publish'],
  list: ['公示期满，挂牌', 'List after 公示'],
  reject: ['不通过', 'Reject'],
  close: ['关闭需求', 'Close'],
};

type Dialog = { step: string; review: boolean } | { objection: true } | null;

export function WorkflowActions({ kind, subject, onDone }: { kind: Kind; subject: Subject; onDone: () => void }) {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [comment, setComment] = useState('');
  const [days, setDays] = useState(7);
  const [busy, setBusy] = useState(false);
  const base = `/api/market/${kind}s/${subject.id}`;

  const ownerSteps = subject.isOwner
    ? kind === 'achievement'
      ? achievementOwnerSteps(subject.status)
      : demandOwnerSteps(subject.status)
    : [];
  const reviewSteps = can('market:review')
    ? (kind === 'achievement' ? achievementReviewSteps(subject.status) : demandReviewSteps(subject.status)).filter(
        (s) => s !== 'list' || publicityOver(subject.publicityEndsAt ?? null, new Date()),
      )
    : [];
  const mayObject = kind === 'achievement' && subject.status === 'publicity' && !subject.isOwner;

  const run = async (path: string, body: Record<string, unknown>) => {
    setBusy(true);
    try {
      await api.post(path, body);
      setDialog(null);
      setComment('');
      void message.success(t('已完成', 'Done'));
      onDone();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(false);
    }
  };
  const needsDialog = (step: string) => ['withdraw', 'reject', 'publicise'].includes(step);
  const go = (step: string, review: boolean) =>
    needsDialog(step)
      ? setDialog({ step, review })
      : void run(`${base}/${review ? 'review' : 'owner-step'}`, review ? { action: step } : { step });

  if (ownerSteps.length === 0 && reviewSteps.length === 0 && !mayObject) return null;
  const d = dialog && 'step' in dialog ? dialog : null;
  const reasonRequired = d?.step === 'reject';

  return (
    <Space wrap data-testid="workflow-actions">
      {ownerSteps.map((s) => (
        <Button key={`o-${s}`} type={s === 'submit' ? 'primary' : 'default'} onClick={() => go(s, false)}>
          {t(...OWNER_TEXT[s]!)}
        </Button>
      ))}
      {reviewSteps.map((s) => (
        <Button
          key={`r-${s}`}
          danger={s === 'reject'}
          type={s === 'reject' ? 'default' : 'primary'}
          onClick={() => go(s, true)}
        >
          {t(...REVIEW_TEXT[s]!)}
        </Button>
      ))}
      {mayObject && <Button onClick={() => setDialog({ objection: true })}>{t('提出异议', 'Object')}</Button>}
      <Modal
        open={dialog !== null}
        title={
          d ? t(...(d.review ? REVIEW_TEXT : OWNER_TEXT)[d.step]!) : t('对公示中的成果提出异议', 'Object during 公示')
        }
        okText={t('确定', 'OK')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: (reasonRequired || !d) && comment.trim().length < 2 }}
        onCancel={() => setDialog(null)}
        onOk={() =>
          void (d
            ? run(
                `${base}/${d.review ? 'review' : 'owner-step'}`,
                d.review
                  ? { action: d.step, comment, ...(d.step === 'publicise' ? { publicityDays: days } : {}) }
                  : { step: d.step, comment },
              )
            : run(`${base}/objections`, { reason: comment }))
        }
        destroyOnHidden
      >
        {d?.step === 'publicise' && (
          <Space wrap style={{ marginBottom: 12 }}>
            <span>{t('公示期', 'Publicity period')}</span>
            <InputNumber
              aria-label={t('公示天数', 'Days')}
              min={0}
              max={30}
              value={days}
              onChange={(v) => setDays(v ?? 7)}
            />
            <span>{t('天', 'days')}</span>
            <Typography.Text type="secondary">
              {t(`截止 ${publicityEnd(days, new Date())}`, `ends ${publicityEnd(days, new Date())}`)}
            </Typography.Text>
          </Space>
        )}
        <Input.TextArea
          aria-label={t('说明', 'Comment')}
          rows={3}
          maxLength={1000}
          placeholder={
            reasonRequired || !d
              ? t('请填写理由（必填，将告知发布人）', 'Reason (required, shown to the owner)')
              : t('说明（选填）', 'Comment (optional)')
          }
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
