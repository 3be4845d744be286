/**
 * 保密内容 on an achievement's detail: the confidential detail when the API returns it (owner, approved requester),
 * else the NDA request button and its state (待成果方同意 / 已拒绝，可重新申请).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../../shared/api.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { ndaState } from '../market-view.ts';

export interface NdaSubject {
  id: number;
  isOwner: boolean;
  confidentialDetail: string | null;
  ndaStatus: 'pending' | 'approved' | 'declined' | null;
  visibility: string;
}

export function NdaPanel({ achievement, onChanged }: { achievement: NdaSubject; onChanged: () => void }) {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const state = ndaState(achievement);

  const submit = async () => {
    setBusy(true);
    try {
      await api.post(`/api/market/achievements/${achievement.id}/nda-requests`, { message: note });
      setOpen(false);
      setNote('');
      void message.success(t('已提交申请，等待成果方同意', 'Request sent; waiting for the owner'));
      onChanged();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('保密内容', 'Confidential detail')} style={{ marginTop: 16 }} data-testid="nda-panel">
      {(state === 'owner' || state === 'released') && (
        <>
          {state === 'released' && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('成果方已同意您的保密申请，请遵守保密协议', 'The owner approved your NDA request')}
            />
          )}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="confidential-detail">
            {achievement.confidentialDetail || t('（未填写保密内容）', '(no confidential detail given)')}
          </Typography.Paragraph>
        </>
      )}
      {state === 'public' && (
        <Typography.Text type="secondary">
          {t('该成果公开发布，没有需要签署保密协议的内容。', 'This achievement is public; there is nothing under NDA.')}
        </Typography.Text>
      )}
      {state === 'pending' && (
        <Button disabled icon={<LockOutlined />} data-testid="nda-button">
          {t('已申请，待成果方同意', 'Requested, waiting for the owner')}
        </Button>
      )}
      {(state === 'request' || state === 'declined') && (
        <>
          <Typography.Paragraph type="secondary">
            {state === 'declined'
              ? t(
                  '成果方拒绝了您上次的申请，可补充说明后重新申请。',
                  'The owner declined your last request; you may ask again.',
                )
              : t(
                  '技术细节（工艺参数、配方、试验数据等）在签署保密协议、经成果方同意后可见。',
                  'The technical detail is shown after an NDA, once the owner agrees.',
                )}
          </Typography.Paragraph>
          <Button type="primary" icon={<LockOutlined />} onClick={() => setOpen(true)} data-testid="nda-button">
            {state === 'declined' ? t('重新申请查看', 'Ask again') : t('申请查看保密内容', 'Request NDA access')}
          </Button>
        </>
      )}
      <Modal
        title={t('申请查看保密内容', 'Request NDA access')}
        open={open}
        okText={t('同意保密协议并提交', 'Accept the NDA and send')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t(
            '提交即表示您承诺对获得的技术细节保密，仅用于评估合作。',
            'By sending you undertake to keep the detail confidential and use it only to assess cooperation.',
          )}
        </Typography.Paragraph>
        <Input.TextArea
          aria-label={t('申请说明', 'Message')}
          placeholder={t('说明单位与用途（选填）', 'Your organisation and purpose (optional)')}
          maxLength={1000}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
