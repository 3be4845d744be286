/** One node of a framework: its full definition (read) or its form (draft editing), with the server's errors. */
import { useEffect } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Switch, Tag } from 'antd';
import type { FrameworkNode } from '../../../../../../contracts/monitoring.ts';
import { pickBilingual } from '../../../lib/forms.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { KIND_NAMES } from './FrameworkTree.tsx';
import { formatFact, formatTargets, formToNode, nodeToForm, type NodeFormValues } from './spec-form.ts';
import type { NodeError } from './tree.ts';

/** Server error fields -> form fields. */
const FIELD_OF: Record<string, keyof NodeFormValues> = {
  code: 'code',
  weight: 'weight',
  'spec.min': 'min',
  'spec.fact': 'fact',
  'spec.goalposts': 'goalLow',
};

function Details({ node }: { node: FrameworkNode }) {
  const t = useT();
  const s = node.spec;
  const yes = (b: boolean) => (b ? t('是', 'Yes') : t('否', 'No'));
  const v = (x: string | number | null | undefined) => (x === null || x === undefined || x === '' ? '—' : x);
  return (
    <Descriptions column={1} size="small" bordered styles={{ label: { width: 130 } }}>
      <Descriptions.Item label={t('编码', 'Code')}>{node.code}</Descriptions.Item>
      <Descriptions.Item label={t('层级', 'Kind')}>
        {t(KIND_NAMES[node.kind].zh, KIND_NAMES[node.kind].en)}
      </Descriptions.Item>
      <Descriptions.Item label={t('中文名称', 'Chinese name')}>{node.nameZh}</Descriptions.Item>
      <Descriptions.Item label={t('英文名称', 'English name')}>{v(node.nameEn)}</Descriptions.Item>
      <Descriptions.Item label={t('权重', 'Weight')}>{node.weight}</Descriptions.Item>
      {s && (
        <>
          <Descriptions.Item label={t('单位', 'Unit')}>{v(s.unit)}</Descriptions.Item>
          <Descriptions.Item label={t('方向', 'Direction')}>
            {s.direction === 1 ? t('正向（越大越好）', 'Positive') : t('逆向（越小越好）', 'Negative')}
          </Descriptions.Item>
          <Descriptions.Item label={t('分值', 'Points')}>{v(s.points)}</Descriptions.Item>
          <Descriptions.Item label={t('分母口径', 'Denominator')}>{v(s.denominator)}</Descriptions.Item>
          <Descriptions.Item label={t('排名模式', 'Ranking mode')}>
            {s.density === 'population' ? t('按常住人口（万人）', 'per 10k residents') : t('原值', 'as is')}
            {s.log ? t('，取 log(1+x)', ', log(1+x)') : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('数据来源', 'Source')}>{v(s.source)}</Descriptions.Item>
          <Descriptions.Item label={t('滞后月数', 'Lag (months)')}>{s.lagMonths}</Descriptions.Item>
          <Descriptions.Item label={t('目标值', 'Targets')}>{v(formatTargets(s.targets))}</Descriptions.Item>
          <Descriptions.Item label={t('目标说明', 'Target note')}>{v(s.targetNote)}</Descriptions.Item>
          <Descriptions.Item label={t('标准值', 'Standard value')}>{v(s.standardValue)}</Descriptions.Item>
          <Descriptions.Item label={t('目标法上下限', 'Goalposts')}>
            {s.goalposts ? `${s.goalposts[0]} – ${s.goalposts[1]}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('校验范围', 'Valid range')}>
            {s.min === null && s.max === null ? '—' : `${s.min ?? '−∞'} – ${s.max ?? '+∞'}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('同比变化上限', 'Max YoY change')}>
            {s.maxYoyChange === null ? '—' : `±${Math.round(s.maxYoyChange * 100)}%`}
          </Descriptions.Item>
          <Descriptions.Item label={t('定性 / 文本 / 选填', 'Qualitative / text / optional')}>
            {yes(s.qualitative)} / {yes(s.valueType === 'text')} / {yes(s.optional)}
          </Descriptions.Item>
          <Descriptions.Item label={t('绑定事实', 'Fact binding')}>
            {s.fact ? <Tag color="green">{formatFact(s.fact)}</Tag> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('依据', 'Evidence')}>{v(s.evidence)}</Descriptions.Item>
        </>
      )}
    </Descriptions>
  );
}

export function NodeDrawer({
  node,
  editable,
  errors,
  onApply,
  onClose,
}: {
  node: FrameworkNode | null;
  editable: boolean;
  errors: readonly NodeError[];
  onApply: (next: FrameworkNode) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useSession();
  const [form] = Form.useForm<NodeFormValues>();
  const indicator = node?.kind === 'indicator';

  useEffect(() => {
    if (!node || !editable) return;
    form.resetFields();
    form.setFieldsValue(nodeToForm(node));
    form.setFields(
      errors
        .filter((e) => FIELD_OF[e.field])
        .map((e) => ({ name: FIELD_OF[e.field]!, errors: [pickBilingual(e.message, locale)] })),
    );
  }, [node, editable, errors, form, locale]);

  const apply = async () => {
    if (!node) return;
    const values = await form.validateFields();
    try {
      onApply(formToNode(node, values));
    } catch (err) {
      form.setFields([{ name: 'targets', errors: [pickBilingual((err as Error).message, locale)] }]);
    }
  };

  const general = errors.filter((e) => !FIELD_OF[e.field]);
  return (
    <Drawer
      title={node ? `${node.code} ${locale === 'en-US' && node.nameEn ? node.nameEn : node.nameZh}` : ''}
      open={node !== null}
      onClose={onClose}
      size={640}
      destroyOnHidden
      extra={
        editable && (
          <Space>
            <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
            <Button type="primary" onClick={() => void apply()}>
              {t('确定', 'Apply')}
            </Button>
          </Space>
        )
      }
    >
      {general.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={general.map((e) => e.message).join('；')} />
      )}
      {node && !editable && <Details node={node} />}
      {node && editable && (
        <Form form={form} layout="vertical" requiredMark="optional">
          <Space align="start" wrap>
            <Form.Item
              name="code"
              label={t('编码', 'Code')}
              rules={[
                { required: true, message: t('请填写编码', 'Code required') },
                {
                  pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
                  message: t('字母、数字、点、下划线或连字符', 'Letters, digits, . _ -'),
                },
              ]}
            >
              <Input style={{ width: 140 }} />
            </Form.Item>
            <Form.Item
              name="weight"
              label={t('权重', 'Weight')}
              rules={[{ required: true, type: 'number', min: 0, message: t('权重应 ≥ 0', 'Weight ≥ 0') }]}
            >
              <InputNumber min={0} max={1000} style={{ width: 120 }} />
            </Form.Item>
            {indicator && (
              <Form.Item name="points" label={t('分值', 'Points')}>
                <InputNumber min={0} max={100} style={{ width: 100 }} />
              </Form.Item>
            )}
          </Space>
          <Form.Item
            name="nameZh"
            label={t('中文名称', 'Chinese name')}
            rules={[{ required: true, whitespace: true, message: t('请填写中文名称', 'Name required') }]}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('英文名称', 'English name')}>
            <Input maxLength={300} />
          </Form.Item>
          {indicator && (
            <>
              <Space align="start" wrap>
                <Form.Item name="unit" label={t('单位', 'Unit')}>
                  <Input maxLength={50} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name="direction" label={t('方向', 'Direction')}>
                  <Select
                    style={{ width: 140 }}
                    options={[
                      { value: 1, label: t('正向', 'Positive') },
                      { value: -1, label: t('逆向', 'Negative') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="lagMonths" label={t('滞后月数', 'Lag (months)')}>
                  <InputNumber min={0} max={36} precision={0} style={{ width: 110 }} />
                </Form.Item>
              </Space>
              <Form.Item name="targets" label={t('目标值（年份:数值，分号分隔）', 'Targets (year:value; …)')}>
                <Input placeholder="2025:1.5;2027:2" />
              </Form.Item>
              <Form.Item name="targetNote" label={t('目标说明', 'Target note')}>
                <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
              <Space align="start" wrap>
                <Form.Item name="standardValue" label={t('标准值', 'Standard value')}>
                  <InputNumber min={0} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name="min" label={t('最小值', 'Minimum')}>
                  <InputNumber style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name="max" label={t('最大值', 'Maximum')}>
                  <InputNumber style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name="maxYoyChange" label={t('同比变化上限', 'Max YoY change')}>
                  <InputNumber min={0} step={0.1} style={{ width: 120 }} />
                </Form.Item>
              </Space>
              <Space align="start" wrap>
                <Form.Item name="goalLow" label={t('下限目标', 'Lower goalpost')}>
                  <InputNumber style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name="goalHigh" label={t('上限目标', 'Upper goalpost')}>
                  <InputNumber style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name="density" label={t('排名模式密度', 'Ranking density')}>
                  <Select
                    style={{ width: 150 }}
                    options={[
                      { value: 'none', label: t('原值', 'As is') },
                      { value: 'population', label: t('按常住人口', 'Per resident') },
                    ]}
                  />
                </Form.Item>
              </Space>
              <Space wrap size="large">
                {(
                  [
                    ['log', t('对数变换', 'Log')],
                    ['qualitative', t('定性', 'Qualitative')],
                    ['text', t('文本', 'Text')],
                    ['optional', t('选填', 'Optional')],
                  ] as const
                ).map(([name, label]) => (
                  <Form.Item key={name} name={name} label={label} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                ))}
              </Space>
              <Form.Item name="denominator" label={t('分母口径', 'Denominator')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="source" label={t('数据来源', 'Source')}>
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item name="fact" label={t('绑定事实（如 experts.count）', 'Fact binding (e.g. experts.count)')}>
                <Input maxLength={120} />
              </Form.Item>
              <Form.Item name="evidence" label={t('依据', 'Evidence')}>
                <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </Drawer>
  );
}
