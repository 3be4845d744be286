/** 新增单位: the create-organisation form, validated by ZCreateOrganisationRequest before it goes to the server. */
import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Space } from 'antd';
import { ZCreateOrganisationRequest, type Organisation } from '../../../../../../contracts/organisations.ts';
import { api } from '../../../../shared/api.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { useDivision } from '../../../division.tsx';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { applyServerErrors, cleanValues, contractRules } from '../../../lib/forms.ts';
import { optionsOf } from '../../../lib/options.ts';
import { ORG_TYPE_NAMES, ORGANISATION_TYPES } from '../labels.ts';

interface Values {
  name?: string;
  type?: string;
  uscc?: string;
  divisionCode?: string;
}

const FIELDS = ['name', 'type', 'uscc', 'divisionCode'] as const;

export function OrganisationForm({
  onCreated,
  onCancel,
}: {
  onCreated: (org: Organisation) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const { locale } = useSession();
  const { current } = useDivision();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = {
    name: t('单位名称', 'Name'),
    type: t('单位类型', 'Type'),
    uscc: t('统一社会信用代码', 'Credit code'),
    divisionCode: t('行政区划', 'Division'),
  };
  const rules = contractRules(ZCreateOrganisationRequest, { locale, labels });
  const type = Form.useWatch('type', form);
  const needsUscc = type === 'enterprise' || type === 'institution';

  const submit = async (values: Values) => {
    setError(null);
    const parsed = ZCreateOrganisationRequest.safeParse(cleanValues({ ...values }));
    if (!parsed.success) return; // the field rules already show why
    setBusy(true);
    try {
      onCreated(await api.post<Organisation>('/api/organisations', parsed.data));
      form.resetFields();
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="create-organisation"
      initialValues={{ divisionCode: current.code }}
      onFinish={(v) => void submit(v)}
      onValuesChange={() => setError(null)}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form.Item name="name" label={t('单位名称', 'Name')} rules={rules('name')}>
        <Input maxLength={200} autoComplete="organization" />
      </Form.Item>
      <Form.Item name="type" label={t('单位类型', 'Type')} rules={rules('type')}>
        <Select
          aria-label={t('单位类型', 'Type')}
          placeholder={t('请选择', 'Choose')}
          options={optionsOf(ORG_TYPE_NAMES, ORGANISATION_TYPES, t)}
        />
      </Form.Item>
      <Form.Item
        name="uscc"
        label={t('统一社会信用代码', 'Unified social credit code')}
        dependencies={['type']}
        required={needsUscc}
        extra={t(
          '18 位，末位为校验码（GB 32100）；企业和事业单位必填',
          '18 characters with a check character (GB 32100); required for enterprises and institutions',
        )}
        rules={rules('uscc')}
      >
        <Input maxLength={18} style={{ textTransform: 'uppercase' }} spellCheck={false} />
      </Form.Item>
      <Form.Item name="divisionCode" label={t('行政区划', 'Division')} rules={rules('divisionCode')}>
        <DivisionSelect />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('保存', 'Save')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('取消', 'Cancel')}</Button>}
      </Space>
    </Form>
  );
}
