/** 单位详情: the organisation, status changes (approve a pending one, disable, enable), rename, similar organisations. */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { ZUpdateOrganisationRequest, type Organisation } from '../../../../../../contracts/organisations.ts';
import type { ZSimilarResult } from '../../../../../../contracts/search.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { Snippet } from '../../../../shared/snippet.tsx';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { applyServerErrors, zodRule } from '../../../lib/forms.ts';
import { ORG_STATUS_NAMES, ORG_TYPE_NAMES } from '../labels.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { StatusTag } from '../../../lib/list/cells.tsx';

type Similar = z.infer<typeof ZSimilarResult>;
const ZName = ZUpdateOrganisationRequest.shape.name.unwrap();

function SimilarOrganisations({ id }: { id: number }) {
  const t = useT();
  const similar = useFetch<Similar>('/api/search/similar', { type: 'organisation', id, limit: 8 });
  return (
    <Card title={t('相似单位', 'Similar organisations')} size="small">
      {similar.error ? (
        <Typography.Text type="secondary">{similar.error}</Typography.Text>
      ) : similar.loading && !similar.data ? (
        <Spin />
      ) : !similar.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('没有相似的单位', 'Nothing similar')} />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('相似单位', 'Similar organisations')}>
          {similar.data.items.map((h) => (
            <li key={h.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Link to={`/console/organisations/${h.id}`}>{h.title}</Link>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {h.divisionName}
              </Typography.Text>
              <div className="qx-snippet">
                <Snippet html={h.snippet} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export default function OrganisationDetailPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const org = useFetch<Organisation>(valid ? `/api/organisations/${id}` : null);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [renameError, setRenameError] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const patch = async (body: z.input<typeof ZUpdateOrganisationRequest>, done: string) => {
    setBusy(true);
    try {
      await api.patch<Organisation>(`/api/organisations/${id}`, body);
      void message.success(done);
      org.reload();
      return true;
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const rename = async ({ name }: { name: string }) => {
    setRenameError(null);
    try {
      await api.patch<Organisation>(`/api/organisations/${id}`, { name: name.trim() });
      setRenaming(false);
      void message.success(t('名称已修改', 'Name changed'));
      org.reload();
    } catch (err) {
      setRenameError(applyServerErrors(form, err, ['name'], locale));
    }
  };

  if (!valid || org.status === 404)
    return (
      <Result
        status="404"
        title={t('单位不存在', 'Organisation not found')}
        subTitle={t('该单位不存在，或不在您的管辖范围内。', 'It does not exist or lies outside your divisions.')}
        extra={<Link to="/console/organisations">{t('返回单位列表', 'Back to the list')}</Link>}
      />
    );

  const o = org.data;
  const mayUpdate = can('org:update');
  const mayApprove = mayUpdate && can('org:approve');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        loading={org.loading && !o}
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('返回', 'Back')}
              onClick={() => void navigate(-1)}
            />
            {o?.name ?? t('单位详情', 'Organisation')}
            {o && <StatusTag names={ORG_STATUS_NAMES} value={o.status} />}
          </Space>
        }
        extra={
          o && (
            <Space wrap>
              {o.status === 'pending' && mayApprove && (
                <Popconfirm
                  title={t('确认通过该单位的注册？', 'Approve this organisation?')}
                  okText={t('通过', 'Approve')}
                  cancelText={t('取消', 'Cancel')}
                  onConfirm={() => void patch({ status: 'active' }, t('单位已审核通过', 'Organisation approved'))}
                >
                  <Button type="primary" loading={busy}>
                    {t('审核通过', 'Approve')}
                  </Button>
                </Popconfirm>
              )}
              {o.status === 'active' && mayUpdate && (
                <Popconfirm
                  title={t('停用后该单位不再出现在统计中，确认停用？', 'Disable this organisation?')}
                  okText={t('停用', 'Disable')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('取消', 'Cancel')}
                  onConfirm={() => void patch({ status: 'disabled' }, t('单位已停用', 'Organisation disabled'))}
                >
                  <Button danger loading={busy}>
                    {t('停用', 'Disable')}
                  </Button>
                </Popconfirm>
              )}
              {o.status === 'disabled' && mayUpdate && (
                <Button
                  loading={busy}
                  onClick={() => void patch({ status: 'active' }, t('单位已启用', 'Organisation enabled'))}
                >
                  {t('启用', 'Enable')}
                </Button>
              )}
              {mayUpdate && (
                <Button
                  onClick={() => {
                    form.setFieldsValue({ name: o.name });
                    setRenameError(null);
                    setRenaming(true);
                  }}
                >
                  {t('修改名称', 'Rename')}
                </Button>
              )}
            </Space>
          )
        }
      >
        {org.error && (
          <Alert
            type="error"
            showIcon
            title={org.error}
            action={
              <Button size="small" onClick={org.reload}>
                {t('重试', 'Retry')}
              </Button>
            }
          />
        )}
        {o?.status === 'pending' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('该单位随企业自助注册提交，尚待审核。', 'Registered by an enterprise itself; waiting for review.')}
            description={
              can('registration:approve') ? (
                <Link to="/console/registrations">
                  {t('到注册审核处理（通过或驳回）', 'Review it under Registrations (approve or reject)')}
                </Link>
              ) : undefined
            }
          />
        )}
        {o && (
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
            <Descriptions.Item label={t('单位名称', 'Name')}>{o.name}</Descriptions.Item>
            <Descriptions.Item label={t('单位类型', 'Type')}>
              {t(ORG_TYPE_NAMES[o.type].zh, ORG_TYPE_NAMES[o.type].en)}
            </Descriptions.Item>
            <Descriptions.Item label={t('统一社会信用代码', 'Credit code')}>
              {o.uscc ? (
                <Typography.Text copyable code>
                  {o.uscc}
                </Typography.Text>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('行政区划', 'Division')}>
              {o.divisionName}（{o.divisionCode}）
            </Descriptions.Item>
            <Descriptions.Item label={t('状态', 'Status')}>
              {t(ORG_STATUS_NAMES[o.status].zh, ORG_STATUS_NAMES[o.status].en)}
            </Descriptions.Item>
            <Descriptions.Item label={t('登记时间', 'Registered')}>
              {formatDateTime(o.createdAt, locale)}
            </Descriptions.Item>
            {o.isDemo && (
              <Descriptions.Item label={t('数据来源', 'Source')}>
                <Tag color="orange">{t('演示数据', 'Demo data')}</Tag>
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Card>
      {o && <SimilarOrganisations id={o.id} />}
      <Modal
        title={t('修改单位名称', 'Rename organisation')}
        open={renaming}
        onCancel={() => setRenaming(false)}
        onOk={() => form.submit()}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        forceRender
      >
        {renameError && <Alert type="error" showIcon title={renameError} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void rename(v)}>
          <Form.Item
            name="name"
            label={t('单位名称', 'Name')}
            rules={[zodRule(ZName, { locale, label: t('单位名称', 'Name') })]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
