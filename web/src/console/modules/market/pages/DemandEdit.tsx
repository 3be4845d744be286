/**
 * 发布技术需求 / 编辑: the required fields first (名称, 描述, 地区), then budget range, cooperation forms (揭榜挂帅 asks
 * for a deadline), target stage and the details. 保存草稿 or 保存并提交审核.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Spin } from 'antd';
import { useNavigate, useParams } from 'react-router';
import type { Demand } from '../../../../../../contracts/market.ts';
import { api } from '../../../../shared/api.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { budgetError, DEMAND_NULLABLE, requestBody } from '../form-values.ts';
import { COOPERATION_NAMES, DOMAIN_NAMES, optionsFrom, STAGE_NAMES } from '../labels.ts';

const FIELDS = [
  'title',
  'description',
  'divisionCode',
  'contact',
  'desiredOutcome',
  'requirements',
  'keywords',
  'domain',
  'targetStage',
  'targetTrl',
  'budgetMin',
  'budgetMax',
  'cooperationForms',
  'deadline',
];

export default function DemandEditPage() {
  const t = useT();
  const { locale } = useSession();
  const { user } = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const idParam = useParams().id;
  const id = idParam ? Number(idParam) : null;
  const existing = useFetch<Demand>(id ? `/api/market/demands/${id}` : null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forms = (Form.useWatch('cooperationForms', form) as string[] | undefined) ?? [];
  const openCall = forms.includes('open_call');

  useEffect(() => {
    if (existing.data) form.setFieldsValue(existing.data);
  }, [existing.data, form]);

  const save = async (submit: boolean) => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const all = form.getFieldsValue(true) as Record<string, unknown>;
    const values = Object.fromEntries(FIELDS.filter((k) => k in all).map((k) => [k, all[k]]));
    const body = requestBody(values, DEMAND_NULLABLE);
    setBusy(true);
    setError(null);
    try {
      let saved: Demand;
      if (id) {
        saved = await api.patch<Demand>(`/api/market/demands/${id}`, body);
        if (submit) saved = await api.post<Demand>(`/api/market/demands/${id}/owner-step`, { step: 'submit' });
      } else saved = await api.post<Demand>('/api/market/demands', { ...body, submit });
      void message.success(submit ? t('已提交审核', 'Submitted for review') : t('已保存草稿', 'Draft saved'));
      void navigate(`/console/market/demands/${saved.id}`);
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS, locale));
    } finally {
      setBusy(false);
    }
  };

  if (id && !existing.data) return existing.error ? <Alert type="error" title={existing.error} /> : <Spin />;
  const half = { xs: 24, md: 12 };
  return (
    <Form form={form} layout="vertical" initialValues={{ divisionCode: user.divisionCode, domain: 'other' }}>
      <Card title={id ? t('编辑技术需求', 'Edit demand') : t('发布技术需求', 'Post a demand')}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="title"
          label={t('需求名称', 'Title')}
          rules={[
            { required: true, min: 2, message: t('请填写需求名称（至少 2 个字）', 'Title, at least 2 characters') },
          ]}
        >
          <Input
            maxLength={200}
            placeholder={t('如：马铃薯脱毒种薯扩繁技术', 'e.g. virus-free seed potato propagation')}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('需求描述', 'Description')}
          rules={[{ required: true, message: t('请填写需求描述', 'Description required') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={4000}
            showCount
            placeholder={t(
              '遇到的技术难题、现状和希望解决的问题',
              'The problem, the situation and what should be solved',
            )}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="divisionCode" label={t('所在地区', 'Division')} rules={[{ required: true }]}>
              <DivisionSelect aria-label={t('所在地区', 'Division')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="domain" label={t('技术领域', 'Field')}>
              <Select options={optionsFrom(DOMAIN_NAMES, t)} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('预算与合作方式', 'Budget and cooperation')} style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="budgetMin" label={t('预算下限（万元）', 'Budget from (CNY 10k)')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="budgetMax"
              label={t('预算上限（万元）', 'Budget to (CNY 10k)')}
              dependencies={['budgetMin']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: unknown) => {
                    const e = budgetError(getFieldValue('budgetMin'), v);
                    return e
                      ? Promise.reject(new Error(t('预算下限不能高于上限', 'The lower bound exceeds the upper')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="deadline"
              label={t('响应截止日期', 'Response deadline')}
              rules={[{ required: openCall, message: t('揭榜挂帅须填写截止日期', 'An open call needs a deadline') }]}
            >
              <Input type="date" aria-label={t('响应截止日期', 'Response deadline')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="cooperationForms" label={t('合作方式', 'Cooperation forms')}>
          <Checkbox.Group options={optionsFrom(COOPERATION_NAMES, t)} />
        </Form.Item>
        {openCall && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(
              '揭榜挂帅：发布后，科研人员可在截止日期前提交揭榜方案。',
              'Open call: researchers send proposals until the deadline.',
            )}
          />
        )}
      </Card>

      <Card title={t('技术要求（选填）', 'Requirements (optional)')} style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="targetStage" label={t('期望成熟度', 'Target stage')}>
              <Select allowClear options={optionsFrom(STAGE_NAMES, t)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="targetTrl" label={t('期望 TRL', 'Target TRL')}>
              <InputNumber min={1} max={9} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="keywords" label={t('关键词（最多 3 个）', 'Keywords (up to 3)')}>
              <Select mode="tags" maxCount={3} open={false} tokenSeparators={[',', '，', ' ']} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="desiredOutcome" label={t('期望成效', 'Desired outcome')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="requirements" label={t('技术指标要求', 'Technical requirements')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="contact" label={t('联系人及电话（仅审核人员与获准方可见）', 'Contact (not public)')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Space wrap style={{ marginTop: 16 }}>
        <Button type="primary" loading={busy} onClick={() => void save(true)} data-testid="demand-submit">
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
