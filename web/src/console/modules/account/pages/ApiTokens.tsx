/**
 * API 令牌: the signed-in user's tokens for machine clients (EPCIS tools, scales, cold-chain sensors). A new token is
 * shown once in a dialog; the list shows only its prefix. Revocation takes effect at once.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useSearchParams } from 'react-router';
import { ZCreateApiTokenRequest, type ApiToken, type CreatedApiToken } from '../../../../../../contracts/api-tokens.ts';
import { api, ApiError, request } from '../../../../shared/api.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { useSession } from '../../../session.tsx';
import { emptyText } from '../../../lib/list/filters.tsx';
import { useT } from '../../../i18n.ts';

interface TokenPage {
  items: ApiToken[];
  total: number;
  page: number;
  pageSize: number;
}

const VALIDITY = [30, 90, 180, 365] as const;

export default function ApiTokensPage() {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const all = params.get('all') === '1';
  const page = Number(params.get('page') ?? '1') || 1;
  const [data, setData] = useState<TokenPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; validity: number | 'never' }>();

  const load = useCallback(async () => {
    try {
      setData(await api.get<TokenPage>('/api/tokens', { all: all ? '1' : undefined, page, pageSize: 20 }));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.text(locale) : String(err));
    }
  }, [all, page, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  async function create(values: { name: string; validity: number | 'never' }) {
    const body = {
      name: values.name,
      ...(values.validity === 'never' ? {} : { expiresInDays: values.validity }),
    };
    const parsed = ZCreateApiTokenRequest.safeParse(body);
    if (!parsed.success) {
      void message.error(parsed.error.issues[0]?.message ?? t('输入有误', 'Invalid input'));
      return;
    }
    setSaving(true);
    try {
      setCreated(await api.post<CreatedApiToken>('/api/tokens', parsed.data));
      form.resetFields();
      await load();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setSaving(false);
    }
  }

  async function revoke(id: number) {
    try {
      await request<ApiToken>(`/api/tokens/${id}`, { method: 'DELETE' });
      void message.success(t('令牌已撤销', 'Token revoked'));
      await load();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    }
  }

  const when = (iso: string | null, none: string) => (iso ? formatDateTime(iso, locale) : none);
  const statusTag = (s: ApiToken['status']) =>
    s === 'active' ? (
      <Tag color="green">{t('有效', 'Active')}</Tag>
    ) : s === 'expired' ? (
      <Tag color="orange">{t('已过期', 'Expired')}</Tag>
    ) : (
      <Tag>{t('已撤销', 'Revoked')}</Tag>
    );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('API 令牌', 'API tokens')}
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title={t(
          '供追溯采集工具、电子秤、冷链传感器等机器客户端使用：请求头 Authorization: Bearer <令牌>。令牌的权限和数据范围与本账户相同，只在创建时显示一次；丢失或不再使用时请立即撤销。',
          'For machine clients such as EPCIS tools, scales and cold-chain sensors: send Authorization: Bearer <token>. A token has this account’s permissions and scope and is shown only once; revoke it at once when lost or unused.',
        )}
      />
      <Card title={t('创建令牌', 'New token')}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ validity: 90 }}
          onFinish={(v) => void create(v)}
          style={{ rowGap: 12 }}
        >
          <Form.Item
            name="name"
            label={t('名称', 'Name')}
            rules={[{ required: true, whitespace: true, message: t('请填写令牌名称', 'Name the token') }]}
          >
            <Input maxLength={60} placeholder={t('如：1 号地磅', 'e.g. weighbridge 1')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="validity" label={t('有效期', 'Valid for')}>
            <Select
              style={{ width: 140 }}
              options={[
                ...VALIDITY.map((d) => ({ value: d, label: t(`${d} 天`, `${d} days`) })),
                { value: 'never', label: t('长期有效', 'No expiry') },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('创建令牌', 'Create token')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card
        title={t('我的令牌', 'My tokens')}
        extra={
          <Segmented
            value={all ? 'all' : 'live'}
            options={[
              { value: 'live', label: t('有效', 'Active') },
              { value: 'all', label: t('全部', 'All') },
            ]}
            onChange={(v) => setParams(v === 'all' ? { all: '1' } : {})}
          />
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Table<ApiToken>
          rowKey="id"
          size="middle"
          loading={!data && !error}
          dataSource={data?.items ?? []}
          locale={emptyText(t('暂无令牌', 'No tokens'))}
          scroll={{ x: 760 }}
          pagination={
            data && data.total > data.pageSize
              ? {
                  current: page,
                  pageSize: data.pageSize,
                  total: data.total,
                  showSizeChanger: false,
                  onChange: (p) => setParams({ ...(all ? { all: '1' } : {}), page: String(p) }),
                }
              : false
          }
          columns={[
            { title: t('名称', 'Name'), dataIndex: 'name', fixed: 'left', width: 150 },
            {
              title: t('前缀', 'Prefix'),
              dataIndex: 'prefix',
              render: (p: string) => (
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {p}…
                </Typography.Text>
              ),
            },
            { title: t('状态', 'Status'), dataIndex: 'status', render: statusTag },
            { title: t('创建时间', 'Created'), dataIndex: 'createdAt', render: (v: string) => when(v, '') },
            {
              title: t('最近使用', 'Last used'),
              dataIndex: 'lastUsedAt',
              render: (v: string | null) => when(v, t('从未使用', 'Never')),
            },
            {
              title: t('到期', 'Expires'),
              dataIndex: 'expiresAt',
              render: (v: string | null) => when(v, t('长期有效', 'No expiry')),
            },
            {
              title: t('操作', 'Actions'),
              key: 'actions',
              render: (_: unknown, row) =>
                row.status === 'active' ? (
                  <Popconfirm
                    title={t(
                      '撤销后使用该令牌的设备将立即无法访问，确定撤销？',
                      'Devices using it stop at once. Revoke?',
                    )}
                    okText={t('撤销', 'Revoke')}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={() => void revoke(row.id)}
                  >
                    <Button danger size="small">
                      {t('撤销', 'Revoke')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={created !== null}
        title={t('令牌已创建', 'Token created')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('我已保存', 'I have saved it')}
          </Button>
        }
        maskClosable={false}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title={t(
              '请立即复制并妥善保存：关闭后将无法再次查看此令牌。',
              'Copy it now and keep it safe: it cannot be shown again.',
            )}
          />
          <Typography.Paragraph copyable={{ text: created?.token ?? '' }} style={{ marginBottom: 0 }}>
            <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="new-token">
              {created?.token}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {created?.name}
            {' · '}
            {created?.expiresAt
              ? t(`到期 ${when(created.expiresAt, '')}`, `expires ${when(created.expiresAt, '')}`)
              : t('长期有效', 'No expiry')}
          </Typography.Text>
        </Space>
      </Modal>
    </Space>
  );
}
