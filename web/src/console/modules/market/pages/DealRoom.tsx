/**
 * 洽谈室: one deal between a buyer and an achievement's owner — the NDA gate, messages, offers and counter-offers,
 * the four contract steps each approved by both parties, and ending the deal with an IN-PART reason.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  InputNumber,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router';
import type { Deal } from '../../../../../../contracts/market-deals.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatDateTime, formatNumber } from '../../../../shared/i18n.ts';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import {
  currentStepIndex,
  dealActions,
  DEAL_STATUS_TAGS,
  DECLINE_REASON_NAMES,
  OFFER_STATUS_NAMES,
} from '../deal-view.ts';
import { nameOf, optionsFrom, TRANSFER_MODE_NAMES } from '../labels.ts';

export default function DealRoomPage() {
  const t = useT();
  const { locale } = useSession();
  const { can: may } = useSignedIn();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const res = useFetch<Deal>(id > 0 ? `/api/market/deals/${id}` : null);
  const [text, setText] = useState('');
  const [offer, setOffer] = useState<{ amount: number | null; mode?: string; terms: string } | null>(null);
  const [decline, setDecline] = useState<{ reason?: string; note: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const d = res.data;

  if (res.status === 404 || !(id > 0))
    return <Result status="404" title={t('洽谈不存在或无权查看', 'Deal not found')} />;
  if (!d) return res.error ? <ErrorBanner message={res.error} onRetry={res.reload} /> : <Spin />;

  const can = dealActions(d);
  const side = (r: string) => (r === 'buyer' ? t('需求方', 'Buyer') : t('成果方', 'Seller'));
  const post = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    try {
      await api.post(`/api/market/deals/${d.id}${path}`, body);
      void message.success(done);
      res.reload();
      return true;
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card
        styles={{ title: { whiteSpace: 'normal' } }}
        title={
          <Space wrap size={8}>
            <span>{t('洽谈：', 'Deal: ')}</span>
            <Link to={`/console/market/achievements/${d.achievementId}`}>{d.achievementTitle}</Link>
            <StatusTag names={DEAL_STATUS_TAGS} value={d.status} />
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          bordered
          styles={{ label: { whiteSpace: 'nowrap' } }}
        >
          <Descriptions.Item label={t('需求方', 'Buyer')}>{d.buyer.orgName ?? d.buyer.name}</Descriptions.Item>
          <Descriptions.Item label={t('成果方', 'Seller')}>{d.seller.orgName ?? d.seller.name}</Descriptions.Item>
          <Descriptions.Item label={t('我方', 'My side')}>
            {d.myRole ? side(d.myRole) : t('主管部门查阅', 'Officer (read only)')}
          </Descriptions.Item>
          <Descriptions.Item label={t('成交额', 'Agreed amount')}>
            {d.agreedAmount === null
              ? '—'
              : t(`${formatNumber(d.agreedAmount, locale)} 万元`, `CNY ${d.agreedAmount}0k`)}
            {d.agreedMode ? ` · ${nameOf(TRANSFER_MODE_NAMES, d.agreedMode, t)}` : ''}
          </Descriptions.Item>
          {d.contractId !== null && (
            <Descriptions.Item label={t('技术合同', 'Contract')}>
              {/* The contract register is an officers' page (market:contract_read); the parties read a note. */}
              {may('market:contract_read') ? (
                <Link to="/console/market/contracts">{t('已生成合同登记记录', 'Contract record created')}</Link>
              ) : (
                t('已生成合同登记记录，待登记机构认定', 'Contract record created, awaiting registration')
              )}
            </Descriptions.Item>
          )}
        </Descriptions>
        {d.status === 'nda' && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={
              d.ndaStatus === 'approved'
                ? t('保密申请已获同意，可以进入洽谈。', 'The NDA request is approved: the talks can start.')
                : t(
                    '需求方的保密申请经成果方同意后才能进入洽谈。',
                    'Talks start once the owner approves the NDA request.',
                  )
            }
            action={
              can.proceed && (
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void post('/proceed', {}, t('已进入洽谈', 'Talks started'))}
                >
                  {t('进入洽谈', 'Start talks')}
                </Button>
              )
            }
          />
        )}
        {d.decline && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={t(
              `${side(d.decline.byRole)}终止了洽谈：${d.decline.reasonName}`,
              `Ended by the ${d.decline.byRole}: ${d.decline.reason}`,
            )}
            description={d.decline.note || undefined}
          />
        )}
        {can.decline && (
          <Button danger style={{ marginTop: 12 }} onClick={() => setDecline({ note: '' })}>
            {t('终止洽谈', 'End the deal')}
          </Button>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('洽谈消息', 'Messages')} style={{ marginTop: 16 }}>
            {d.messages.length === 0 && (
              <Typography.Text type="secondary">{t('暂无消息', 'No messages')}</Typography.Text>
            )}
            {d.messages.map((m) => (
              <div key={m.id} style={{ marginBottom: 12, textAlign: m.authorRole === d.myRole ? 'right' : 'left' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {side(m.authorRole)} · {formatDateTime(m.createdAt, locale)}
                </Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
              </div>
            ))}
            {can.talk && (
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  aria-label={t('消息', 'Message')}
                  value={text}
                  maxLength={4000}
                  onChange={(e) => setText(e.target.value)}
                />
                <Button
                  type="primary"
                  loading={busy}
                  disabled={!text.trim()}
                  onClick={() =>
                    void post('/messages', { body: text }, t('已发送', 'Sent')).then((ok) => ok && setText(''))
                  }
                >
                  {t('发送', 'Send')}
                </Button>
              </Space.Compact>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={t('报价', 'Offers')}
            style={{ marginTop: 16 }}
            extra={
              can.offer && (
                <Button onClick={() => setOffer({ amount: null, terms: '' })}>{t('提出报价', 'Make an offer')}</Button>
              )
            }
          >
            {d.offers.length === 0 && <Typography.Text type="secondary">{t('暂无报价', 'No offers')}</Typography.Text>}
            {d.offers.map((o) => (
              <div key={o.id} style={{ marginBottom: 12 }}>
                <Space wrap>
                  <Typography.Text strong>
                    {t(`${formatNumber(o.amount, locale)} 万元`, `CNY ${o.amount}0k`)}
                  </Typography.Text>
                  <span>{nameOf(TRANSFER_MODE_NAMES, o.transferMode, t)}</span>
                  <Tag>{side(o.fromRole)}</Tag>
                  <Tag color={o.status === 'accepted' ? 'green' : o.status === 'pending' ? 'gold' : 'default'}>
                    {nameOf(OFFER_STATUS_NAMES, o.status, t)}
                  </Tag>
                  {can.accept.includes(o.id) && (
                    <Button
                      size="small"
                      type="primary"
                      loading={busy}
                      onClick={() => void post(`/offers/${o.id}/accept`, {}, t('已接受报价', 'Offer accepted'))}
                    >
                      {t('接受', 'Accept')}
                    </Button>
                  )}
                </Space>
                <div style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.65)' }}>{o.terms}</div>
              </div>
            ))}
          </Card>
        </Col>
      </Row>

      {d.steps.length > 0 && (
        <Card title={t('合同签署（双方确认）', 'Contract steps (both parties)')} style={{ marginTop: 16 }}>
          <Steps
            orientation="vertical"
            size="small"
            current={currentStepIndex(d.steps)}
            items={d.steps.map((s) => ({
              title: s.name,
              status:
                s.buyerApprovedAt && s.sellerApprovedAt
                  ? 'finish'
                  : s.buyerApprovedAt || s.sellerApprovedAt
                    ? 'process'
                    : 'wait',
              content: (
                <Space wrap>
                  <span>
                    {t('需求方', 'Buyer')} {s.buyerApprovedAt ? '✓' : '—'}
                  </span>
                  <span>
                    {t('成果方', 'Seller')} {s.sellerApprovedAt ? '✓' : '—'}
                  </span>
                  {can.approve.includes(s.code) && (
                    <Button
                      size="small"
                      type="primary"
                      loading={busy}
                      onClick={() => void post(`/steps/${s.code}/approve`, {}, t('已确认', 'Approved'))}
                    >
                      {t('确认', 'Approve')}
                    </Button>
                  )}
                </Space>
              ),
            }))}
          />
        </Card>
      )}

      <Modal
        title={t('提出报价', 'Make an offer')}
        open={offer !== null}
        okText={t('提交报价', 'Send')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !offer?.amount || !offer.mode || offer.terms.trim().length < 2 }}
        onCancel={() => setOffer(null)}
        onOk={() =>
          offer &&
          void post(
            '/offers',
            { amount: offer.amount, transferMode: offer.mode, terms: offer.terms },
            t('已提交报价', 'Offer sent'),
          ).then((ok) => ok && setOffer(null))
        }
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <InputNumber
            aria-label={t('金额（万元）', 'Amount (CNY 10k)')}
            placeholder={t('金额（万元）', 'Amount (CNY 10k)')}
            min={0}
            style={{ width: '100%' }}
            value={offer?.amount ?? null}
            onChange={(v) => offer && setOffer({ ...offer, amount: v })}
          />
          <Select
            aria-label={t('转化方式', 'Transfer mode')}
            placeholder={t('转化方式', 'Transfer mode')}
            style={{ width: '100%' }}
            options={optionsFrom(TRANSFER_MODE_NAMES, t)}
            value={offer?.mode}
            onChange={(v: string) => offer && setOffer({ ...offer, mode: v })}
          />
          <Input.TextArea
            aria-label={t('主要条款', 'Terms')}
            placeholder={t('主要条款：范围、期限、支付方式', 'Terms: scope, period, payment')}
            rows={3}
            value={offer?.terms}
            onChange={(e) => offer && setOffer({ ...offer, terms: e.target.value })}
          />
        </Space>
      </Modal>
      <Modal
        title={t('终止洽谈', 'End the deal')}
        open={decline !== null}
        okText={t('终止', 'End')}
        okButtonProps={{ danger: true, disabled: !decline?.reason }}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        onCancel={() => setDecline(null)}
        onOk={() =>
          decline &&
          void post('/decline', { reason: decline.reason, note: decline.note }, t('已终止洽谈', 'Deal ended')).then(
            (ok) => ok && setDecline(null),
          )
        }
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            aria-label={t('终止原因', 'Reason')}
            placeholder={t('请选择原因（将反馈给对方）', 'Reason (shown to the other side)')}
            style={{ width: '100%' }}
            options={optionsFrom(DECLINE_REASON_NAMES, t)}
            value={decline?.reason}
            onChange={(v: string) => decline && setDecline({ ...decline, reason: v })}
          />
          <Input.TextArea
            aria-label={t('补充说明', 'Note')}
            rows={3}
            value={decline?.note}
            onChange={(e) => decline && setDecline({ ...decline, note: e.target.value })}
          />
        </Space>
      </Modal>
    </>
  );
}
