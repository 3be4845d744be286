/**
 * 新建测算: period, mode (监测模式 / 排名模式, each explained), weights (框架权重 / 等权 / 熵权法), aggregation, Monte Carlo
 * replications for rank intervals, and whether unapproved values may be used (the result is then provisional).
 * Validated by ZCreateRunRequest before it goes to the server.
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import type { z } from 'zod';
import { ZCreateRunRequest, type FrameworkSummary, type RunSummary } from '../../../../../../contracts/monitoring.ts';
import { api } from '../../../../shared/api.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { applyServerErrors, cleanValues, contractRules } from '../../../lib/forms.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { AGGREGATION_NAMES, MODE_NAMES, WEIGHT_NAMES } from '../labels.ts';

type Values = Partial<z.input<typeof ZCreateRunRequest>>;
const FIELDS = [
  'period',
  'mode',
  'title',
  'frameworkId',
  'weights',
  'aggregation',
  'replications',
  'includeUnapproved',
] as const;

/** The year whose data is normally complete: the previous calendar year. */
export function defaultPeriod(now = new Date()): number {
  return now.getUTCFullYear() - 1;
}

export function CreateRunForm({ onCreated, onCancel }: { onCreated: (run: RunSummary) => void; onCancel: () => void }) {
  const t = useT();
  const { locale } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const frameworks = useFetch<{ items: FrameworkSummary[] }>('/api/monitoring/frameworks');
  const rules = contractRules(ZCreateRunRequest, {
    locale,
    labels: { period: t('年度', 'Period'), replications: t('模拟次数', 'Replications') },
  });
  const mode = Form.useWatch('mode', form) ?? 'monitoring';
  const unapproved = Form.useWatch('includeUnapproved', form) ?? false;

  const submit = async (values: Values) => {
    setError(null);
    const parsed = ZCreateRunRequest.safeParse(cleanValues({ ...values }));
    if (!parsed.success) return;
    setBusy(true);
    try {
      onCreated(await api.post<RunSummary>('/api/monitoring/runs', parsed.data));
      form.resetFields();
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS, locale));
    } finally {
      setBusy(false);
    }
  };

  const usable = (frameworks.data?.items ?? []).filter((f) => f.status !== 'draft');
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="create-run"
      initialValues={{
        period: defaultPeriod(),
        mode: 'monitoring',
        weights: 'framework',
        aggregation: 'arithmetic',
        replications: 500,
        includeUnapproved: false,
      }}
      onFinish={(v) => void submit(v)}
      onValuesChange={() => setError(null)}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Space wrap align="start" size="large">
        <Form.Item name="period" label={t('年度', 'Period')} rules={rules('period')}>
          {/* No min/max here: the contract's rule says why a year is refused instead of clamping it silently. */}
          <InputNumber precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="frameworkId" label={t('指标体系', 'Framework')}>
          <Select
            allowClear
            aria-label={t('指标体系', 'Framework')}
            style={{ width: 280 }}
            placeholder={t('当前启用的指标体系', 'The active framework')}
            loading={frameworks.loading}
            options={usable.map((f) => ({
              value: f.id,
              label: `${t(f.nameZh, f.nameEn || f.nameZh)} v${f.version}${f.status === 'active' ? t('（启用中）', ' (active)') : ''}`,
            }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={t('标题（可选）', 'Title (optional)')} rules={rules('title')}>
        <Input maxLength={200} placeholder={t('如：2025 年度监测（正式）', 'e.g. 2025 monitoring (final)')} />
      </Form.Item>
      <Form.Item
        name="mode"
        label={t('测算模式', 'Mode')}
        extra={<span data-testid="mode-help">{t(MODE_NAMES[mode].help.zh, MODE_NAMES[mode].help.en)}</span>}
      >
        <Radio.Group
          optionType="button"
          options={(['monitoring', 'ranking'] as const).map((m) => ({
            value: m,
            label: t(MODE_NAMES[m].zh, MODE_NAMES[m].en),
          }))}
        />
      </Form.Item>
      <Space wrap align="start" size="large">
        <Form.Item name="weights" label={t('权重', 'Weights')}>
          <Select
            style={{ width: 160 }}
            aria-label={t('权重', 'Weights')}
            options={(['framework', 'equal', 'entropy'] as const).map((w) => ({
              value: w,
              label: t(WEIGHT_NAMES[w].zh, WEIGHT_NAMES[w].en),
            }))}
          />
        </Form.Item>
        <Form.Item name="aggregation" label={t('合成方法', 'Aggregation')}>
          <Select
            style={{ width: 180 }}
            aria-label={t('合成方法', 'Aggregation')}
            options={(['arithmetic', 'geometric'] as const).map((a) => ({
              value: a,
              label: t(AGGREGATION_NAMES[a].zh, AGGREGATION_NAMES[a].en),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="replications"
          label={t('蒙特卡洛模拟次数', 'Monte Carlo replications')}
          rules={rules('replications')}
          extra={t('用于排名 5–95% 区间；0 表示不计算', 'For the 5–95 % rank interval; 0 for none')}
        >
          <InputNumber step={100} precision={0} style={{ width: 140 }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="includeUnapproved"
        label={t('包含未审核数据', 'Include unapproved values')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      {unapproved && (
        <Typography.Paragraph type="warning">
          {t(
            '将使用尚未审核的数据和实时临时值，结果标记为“临时”，不可发布。',
            'Unapproved and live provisional values are used; the result is marked provisional and cannot be published.',
          )}
        </Typography.Paragraph>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('开始测算', 'Start the run')}
        </Button>
        <Button onClick={onCancel}>{t('取消', 'Cancel')}</Button>
      </Space>
    </Form>
  );
}
