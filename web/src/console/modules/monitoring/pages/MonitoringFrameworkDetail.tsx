/**
 * 指标体系详情: the tree of one version with each indicator's definition. A draft is edited in place (names, weights,
 * units, directions, targets, ranges; add or remove dimensions and indicators) and saved whole; the server checks the
 * tree and its errors are shown on the nodes. Active and retired versions are read-only.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Result, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, SaveOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import type {
  Framework,
  FrameworkNode,
  FrameworkSettings,
  SaveFrameworkRequest,
} from '../../../../../../contracts/monitoring.ts';
import { api, ApiError, request } from '../../../../shared/api.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { FrameworkExportButton } from '../frameworks/ExportButton.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { DefaultBanner } from '../frameworks/DefaultBanner.tsx';
import { FrameworkTree } from '../frameworks/FrameworkTree.tsx';
import { NodeDrawer } from '../frameworks/NodeDrawer.tsx';
import { SettingsEditor } from '../frameworks/SettingsEditor.tsx';
import { addChild, mapSaveErrors, removeNode, statusTags, updateNode, type MappedErrors } from '../frameworks/tree.ts';

const NO_ERRORS: MappedErrors = { byNode: new Map(), general: [] };

function tiersText(f: Framework, t: (zh: string, en: string) => string): string {
  const tiers = f.settings.tiers;
  return tiers.kind === 'thresholds'
    ? t(`按得分阈值：${tiers.thresholds.join(' / ')}`, `Score thresholds: ${tiers.thresholds.join(' / ')}`)
    : t(`按名额：${tiers.counts.join(' / ')}`, `By counts: ${tiers.counts.join(' / ')}`);
}

export default function MonitoringFrameworkDetailPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const loaded = useFetch<Framework>(valid ? `/api/monitoring/frameworks/${id}` : null);
  const manage = can('monitoring:manage');
  const [editing, setEditing] = useState(false);
  const [nodes, setNodes] = useState<FrameworkNode[]>([]);
  const [names, setNames] = useState({ nameZh: '', nameEn: '' });
  /** null while the settings form holds malformed text. */
  const [settings, setSettings] = useState<FrameworkSettings | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [errors, setErrors] = useState<MappedErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const f = loaded.data;

  useEffect(() => {
    if (!f) return;
    setNodes(f.nodes);
    setNames({ nameZh: f.nameZh, nameEn: f.nameEn });
    setSettings(f.settings);
    setErrors(NO_ERRORS);
    setDirty(false);
  }, [f]);

  const editable = editing && f?.status === 'draft' && manage;
  const shown = editable ? nodes : (f?.nodes ?? []);
  const openNode = useMemo(() => shown.find((n) => n.code === open) ?? null, [shown, open]);

  if (!valid || loaded.status === 404)
    return (
      <Result
        status="404"
        title={t('未找到该指标体系版本', 'Framework version not found')}
        extra={<Link to="/console/monitoring/frameworks">{t('返回指标体系', 'Back to frameworks')}</Link>}
      />
    );
  if (!f) return loaded.error ? <ErrorBanner message={loaded.error} onRetry={loaded.reload} /> : <Spin />;

  const change = (next: FrameworkNode[]) => {
    setNodes(next);
    setDirty(true);
  };

  const save = async () => {
    if (!settings) {
      void message.error(t('请先改正分类规则或填报截止的格式', 'Fix the tier rule or deadline first'));
      return;
    }
    setSaving(true);
    const body: SaveFrameworkRequest = {
      nameZh: names.nameZh,
      nameEn: names.nameEn,
      description: f.description,
      settings,
      nodes,
    };
    try {
      await request<Framework>(`/api/monitoring/frameworks/${f.id}`, { method: 'PUT', body });
      void message.success(t('草稿已保存', 'Draft saved'));
      setEditing(false);
      loaded.reload();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(
          err.details.length > 0
            ? mapSaveErrors(err.details, nodes)
            : { byNode: new Map(), general: [err.text(locale)] },
        );
        void message.error(err.text(locale));
      } else void message.error(String(err));
    } finally {
      setSaving(false);
    }
  };

  const newVersion = async () => {
    try {
      const draft = await api.post<Framework>(`/api/monitoring/frameworks/${f.id}/versions`);
      void message.success(t(`已新建第 ${draft.version} 版草稿`, `Draft version ${draft.version} created`));
      void navigate(`/console/monitoring/frameworks/${draft.id}`);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    }
  };

  return (
    <Card
      title={
        <Space wrap>
          <Link to="/console/monitoring/frameworks" aria-label={t('返回', 'Back')}>
            <ArrowLeftOutlined />
          </Link>
          <span>{locale === 'en-US' && f.nameEn ? f.nameEn : f.nameZh}</span>
          <Typography.Text type="secondary">
            {f.code} v{f.version}
          </Typography.Text>
          {statusTags(f).map((s) => (
            <Tag key={s.key} color={s.color}>
              {t(s.zh, s.en)}
            </Tag>
          ))}
        </Space>
      }
      extra={
        <Space wrap>
          {manage && f.status === 'draft' && !editing && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('编辑草稿', 'Edit draft')}
            </Button>
          )}
          {editable && (
            <>
              <Button
                onClick={() => {
                  setEditing(false);
                  setNodes(f.nodes);
                  setNames({ nameZh: f.nameZh, nameEn: f.nameEn });
                  setSettings(f.settings);
                  setErrors(NO_ERRORS);
                  setDirty(false);
                }}
              >
                {t('放弃修改', 'Discard')}
              </Button>
              <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()}>
                {t('保存草稿', 'Save draft')}
              </Button>
            </>
          )}
          {manage && f.status !== 'draft' && (
            <Button onClick={() => void newVersion()}>{t('新建版本', 'New version')}</Button>
          )}
          <FrameworkExportButton framework={f} />
        </Space>
      }
    >
      {f.isDefault && <DefaultBanner canManage={manage} />}
      {f.status !== 'draft' && manage && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(
            f.status === 'active'
              ? '启用中的版本只读；如需修改，请“新建版本”后编辑草稿，再启用。'
              : '已停用的版本只读；可以以它为底稿“新建版本”。',
            f.status === 'active'
              ? 'The active version is read-only: create a new version, edit the draft, then activate it.'
              : 'A retired version is read-only; it can seed a new version.',
          )}
        />
      )}
      {errors.general.length > 0 || errors.byNode.size > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('未保存：请修改标红的节点', 'Not saved: fix the marked nodes')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {[...errors.general, ...[...errors.byNode.values()].flat().map((e) => e.message)].map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {editable ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <Input
            aria-label={t('体系名称', 'Name')}
            addonBefore={t('名称', 'Name')}
            style={{ width: 460 }}
            maxLength={200}
            value={names.nameZh}
            onChange={(e) => {
              setNames({ ...names, nameZh: e.target.value });
              setDirty(true);
            }}
          />
          <Input
            aria-label={t('英文名称', 'English name')}
            addonBefore="English"
            style={{ width: 420 }}
            maxLength={200}
            value={names.nameEn}
            onChange={(e) => {
              setNames({ ...names, nameEn: e.target.value });
              setDirty(true);
            }}
          />
          {dirty && <Tag color="orange">{t('有未保存的修改', 'Unsaved changes')}</Tag>}
        </Space>
      ) : (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('指标数', 'Indicators')}>{f.indicatorCount}</Descriptions.Item>
          <Descriptions.Item label={t('分类规则', 'Tiers')}>{tiersText(f, t)}</Descriptions.Item>
          <Descriptions.Item label={t('填报截止', 'Deadline')}>
            {t(`次年 ${f.settings.deadline}`, `${f.settings.deadline} of the next year`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('创建时间', 'Created')}>{formatDateTime(f.createdAt, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('启用时间', 'Activated')}>
            {f.activatedAt ? formatDateTime(f.activatedAt, locale) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('校验规则', 'Rules')}>
            {f.settings.rules.length === 0
              ? '—'
              : f.settings.rules.map((r) => `${r.left} ≤ ${r.right}（${r.messageZh}）`).join('；')}
          </Descriptions.Item>
          {f.description && (
            <Descriptions.Item label={t('说明', 'Description')} span={3}>
              {f.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {editable && (
        <SettingsEditor
          key={f.id}
          settings={f.settings}
          onChange={(next) => {
            setSettings(next);
            setDirty(true);
          }}
        />
      )}
      <FrameworkTree
        nodes={shown}
        editable={editable}
        errors={errors.byNode}
        onOpen={setOpen}
        onAdd={(parent, kind) => {
          const { nodes: next, code } = addChild(nodes, parent, kind);
          change(next);
          setOpen(code);
        }}
        onRemove={(code) => change(removeNode(nodes, code))}
      />
      <NodeDrawer
        node={openNode}
        editable={editable}
        errors={openNode ? (errors.byNode.get(openNode.code) ?? []) : []}
        onClose={() => setOpen(null)}
        onApply={(next) => {
          if (!openNode) return;
          change(updateNode(nodes, openNode.code, next));
          setOpen(null);
        }}
      />
    </Card>
  );
}
