/**
 * 揭榜方案 of an open call (揭榜挂帅): researchers and enterprises send a proposal before the deadline; the
 * demand's owner and the officers read them (the API answers others with 403, and the list is then not shown).
 */
import { useState } from 'react';
import { App, Button, Card, Input, List, Typography } from 'antd';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';

interface Proposal {
  id: number;
  summary: string;
  proposerName: string;
  achievementId: number | null;
  createdAt: string;
}

export function Proposals({ demandId, open, readable }: { demandId: number; open: boolean; readable: boolean }) {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { message } = App.useApp();
  const list = useFetch<{ items: Proposal[] }>(readable ? `/api/market/demands/${demandId}/proposals` : null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const mayPropose = open && can('market:post_achievement');

  const send = async () => {
    setBusy(true);
    try {
      await api.post(`/api/market/demands/${demandId}/proposals`, { summary: text });
      setText('');
      void message.success(t('揭榜方案已提交，需求方将收到通知', 'Proposal sent; the requester is notified'));
      list.reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (!mayPropose && !readable) return null;
  return (
    <Card title={t('揭榜方案', 'Open-call proposals')} style={{ marginTop: 16 }}>
      {mayPropose && (
        <div style={{ marginBottom: 16 }}>
          <Input.TextArea
            aria-label={t('揭榜方案', 'Proposal')}
            rows={4}
            maxLength={4000}
            placeholder={t('技术路线、团队、周期与费用', 'Approach, team, schedule and cost')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            loading={busy}
            disabled={text.trim().length < 2}
            onClick={() => void send()}
          >
            {t('提交揭榜方案', 'Send proposal')}
          </Button>
        </div>
      )}
      {readable && (
        <List<Proposal>
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('暂无揭榜方案', 'No proposals yet') }}
          renderItem={(p) => (
            <List.Item key={p.id}>
              <List.Item.Meta
                title={`${p.proposerName} · ${formatDateTime(p.createdAt, locale)}`}
                description={<Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{p.summary}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
