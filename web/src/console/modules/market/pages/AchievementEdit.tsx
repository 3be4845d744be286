/**
 * 登记科技成果 / 编辑: the 科技成果登记 fields in sections, the few required ones first (名称, 简介, 所在地区); the rest
 * keep the server's defaults when left blank. 保存草稿 or 保存并提交审核.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Switch } from 'antd';
import { useNavigate, useParams } from 'react-router';
import type { Achievement } from '../../../../../../contracts/market.ts';
import { api } from '../../../../shared/api.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { PeopleFields } from '../components/PeopleFields.tsx';
import { ACHIEVEMENT_NULLABLE, requestBody } from '../form-values.ts';
import {
  ATTRIBUTE_NAMES,
  DOMAIN_NAMES,
  FORM_NAMES,
  optionsFrom,
  PRICING_NAMES,
  STAGE_NAMES,
  TRANSFER_MODE_NAMES,
  TYPE_NAMES,
  VISIBILITY_NAMES,
} from '../labels.ts';

const FIELDS = [
  'title',
  'summary',
  'divisionCode',
  'keywords',
  'domain',
  'stage',
  'trl',
  'publicSummary',
  'confidentialDetail',
  'visibility',
  'transferModes',
  'pricingMode',
  'price',
  'registrationNo',
  'type',
  'attribute',
  'form',
  'level',
  'researchPeriod',
  'fundingSource',
  'completingUnits',
  'contributors',
  'owners',
  'ipItems',
  'suitability',
];

export default function AchievementEditPage() {
  const t = useT();
  const { locale } = useSession();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const idParam = useParams().id;
  const id = idParam ? Number(idParam) : null;
  const existing = useFetch<Achievement>(id ? `/api/market/achievements/${id}` : null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pricing = Form.useWatch('pricingMode', form) as string | undefined;
  const forEntrepreneurs = Form.useWatch(['suitability', 'forEntrepreneurs'], form) as boolean | undefined;

  useEffect(() => {
    if (existing.data) form.setFieldsValue(existing.data);
  }, [existing.data, form]);

  const save = async (submit: boolean) => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    // Every stored value of the form's fields (IP items keep their status and expiry, which have no input here).
    const all = form.getFieldsValue(true) as Record<string, unknown>;
    const values = Object.fromEntries(FIELDS.filter((k) => k in all).map((k) => [k, all[k]]));
    const body = requestBody(values, ACHIEVEMENT_NULLABLE);
    setBusy(true);
    setError(null);
    try {
      let saved: Achievement;
      if (id) {
        saved = await api.patch<Achievement>(`/api/market/achievements/${id}`, body);
        if (submit)
          saved = await api.post<Achievement>(`/api/market/achievements/${id}/owner-step`, { step: 'submit' });
      } else saved = await api.post<Achievement>('/api/market/achievements', { ...body, submit });
      void message.success(submit ? t('已提交审核', 'Submitted for review') : t('已保存草稿', 'Draft saved'));
      void navigate(`/console/market/achievements/${saved.id}`);
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS, locale));
    } finally {
      setBusy(false);
    }
  };

  if (id && !existing.data) return existing.error ? <Alert type="error" title={existing.error} /> : <Spin />;
  const opts = (names: Parameters<typeof optionsFrom>[0]) => optionsFrom(names, t);
  const half = { xs: 24, md: 12 };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        divisionCode: user.divisionCode,
        domain: 'other',
        stage: 'middle',
        visibility: 'nda',
        pricingMode: 'negotiable',
      }}
    >
      <Card title={id ? t('编辑科技成果', 'Edit achievement') : t('登记科技成果', 'Post an achievement')}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="title"
          label={t('成果名称', 'Title')}
          rules={[
            { required: true, min: 2, message: t('请填写成果名称（至少 2 个字）', 'Title, at least 2 characters') },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('成果简介', 'Summary')}
          rules={[{ required: true, message: t('请填写成果简介', 'Summary required') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="divisionCode" label={t('所在地区', 'Division')} rules={[{ required: true }]}>
              <DivisionSelect aria-label={t('所在地区', 'Division')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="domain" label={t('技术领域', 'Field')}>
              <Select options={opts(DOMAIN_NAMES)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="keywords" label={t('关键词（最多 3 个）', 'Keywords (up to 3)')}>
              <Select mode="tags" maxCount={3} open={false} tokenSeparators={[',', '，', ' ']} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="stage" label={t('成熟度', 'Stage')}>
              <Select options={opts(STAGE_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="trl" label={t('技术就绪度 TRL', 'TRL')}>
              <InputNumber min={1} max={9} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('公开摘要（门户可见）', 'Public summary (shown on the portal)')} style={{ marginTop: 16 }}>
        <Row gutter={16}>
          {(
            [
              ['problem', t('解决的问题', 'Problem solved')],
              ['advantage', t('技术优势', 'Advantage')],
              ['scenarios', t('应用场景', 'Scenarios')],
              ['economics', t('经济效益对比', 'Economics')],
            ] as const
          ).map(([k, label]) => (
            <Col {...half} key={k}>
              <Form.Item name={['publicSummary', k]} label={label}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>

      <Card title={t('保密内容与交易方式', 'Confidential detail and terms')} style={{ marginTop: 16 }}>
        <Form.Item
          name="confidentialDetail"
          label={t(
            '保密内容（仅本人及获准的保密申请人可见）',
            'Confidential detail (owner and approved NDA requesters)',
          )}
        >
          <Input.TextArea rows={4} maxLength={20000} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="visibility" label={t('公开范围', 'Visibility')}>
              <Select options={opts(VISIBILITY_NAMES)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="transferModes" label={t('转化方式', 'Transfer modes')}>
              <Select mode="multiple" options={opts(TRANSFER_MODE_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="pricingMode" label={t('定价方式', 'Pricing')}>
              <Select options={opts(PRICING_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="price"
              label={t('价格（万元）', 'Price (CNY 10k)')}
              rules={[
                { required: pricing === 'listed', message: t('挂牌价须填写价格', 'A listed price needs the price') },
              ]}
            >
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('登记信息（选填）', 'Registration details (optional)')} style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="registrationNo"
              label={t('成果登记号（12 位）', 'Registration no. (12 digits)')}
              rules={[{ pattern: /^\d{12}$/, message: t('登记号应为 12 位数字', '12 digits') }]}
            >
              <Input maxLength={12} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="type" label={t('成果类型', 'Type')}>
              <Select allowClear options={opts(TYPE_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="attribute" label={t('成果属性', 'Attribute')}>
              <Select allowClear options={opts(ATTRIBUTE_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="form" label={t('成果形式', 'Form')}>
              <Select allowClear options={opts(FORM_NAMES)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="level" label={t('成果水平', 'Level')}>
              <Input maxLength={50} placeholder={t('如：国内领先', 'e.g. leading in China')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="researchPeriod" label={t('研究起止', 'Research period')}>
              <Input maxLength={50} placeholder="2021-2024" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="fundingSource" label={t('经费来源', 'Funding')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="completingUnits" label={t('完成单位', 'Completing units')}>
          <Select
            mode="tags"
            open={false}
            tokenSeparators={['，', ',']}
            placeholder={t('输入单位名称后回车', 'Type a name, press Enter')}
          />
        </Form.Item>
        <PeopleFields />
        <Form.Item
          name={['suitability', 'forEntrepreneurs']}
          valuePropName="checked"
          label={t('适合小微创业者', 'Suits small entrepreneurs')}
        >
          <Switch />
        </Form.Item>
        {forEntrepreneurs && (
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name={['suitability', 'cost']} label={t('启动成本（万元）', 'Start-up cost (CNY 10k)')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item name={['suitability', 'equipment']} label={t('所需设备', 'Equipment')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item name={['suitability', 'training']} label={t('培训要求', 'Training')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Card>

      <Space wrap style={{ marginTop: 16 }}>
        <Button type="primary" loading={busy} onClick={() => void save(true)}>
          {t('保存并提交审核', 'Save and submit')}
        </Button>
        <Button loading={busy} onClick={() => void save(false)}>
          {t('保存草稿', 'Save draft')}
        </Button>
        <Button onClick={() => void navigate(-1)}>{t('取消', 'Cancel')}</Button>
      </Space>
    </Form>
  );
}
