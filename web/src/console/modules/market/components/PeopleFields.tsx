/** The repeatable rows of the 登记 form: contributors with % contribution, owners with shares, IP items. */
import type { ReactNode } from 'react';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n.ts';
import { IP_KIND_NAMES, optionsFrom } from '../labels.ts';

function Rows({ name, addText, row }: { name: string; addText: string; row: (field: number) => ReactNode }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} wrap align="baseline" style={{ marginBottom: 4 }}>
              {row(f.name)}
              <MinusCircleOutlined aria-label="remove" onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 16 }}>
            {addText}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function PeopleFields() {
  const t = useT();
  const req = [{ required: true, message: t('必填', 'Required') }];
  return (
    <>
      <Form.Item label={t('完成人及贡献比例', 'Contributors and % contribution')}>
        <Rows
          name="contributors"
          addText={t('添加完成人', 'Add a contributor')}
          row={(n) => (
            <>
              <Form.Item name={[n, 'name']} rules={req} noStyle>
                <Input placeholder={t('姓名', 'Name')} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[n, 'unit']} noStyle>
                <Input placeholder={t('单位', 'Unit')} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name={[n, 'percent']} rules={req} noStyle>
                <InputNumber min={0} max={100} placeholder="%" style={{ width: 80 }} />
              </Form.Item>
            </>
          )}
        />
      </Form.Item>
      <Form.Item label={t('权属人及份额', 'Owners and shares')}>
        <Rows
          name="owners"
          addText={t('添加权属人', 'Add an owner')}
          row={(n) => (
            <>
              <Form.Item name={[n, 'name']} rules={req} noStyle>
                <Input placeholder={t('单位或个人', 'Organisation or person')} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name={[n, 'share']} rules={req} noStyle>
                <InputNumber min={0} max={100} placeholder="%" style={{ width: 80 }} />
              </Form.Item>
            </>
          )}
        />
      </Form.Item>
      <Form.Item label={t('知识产权', 'Intellectual property')}>
        <Rows
          name="ipItems"
          addText={t('添加知识产权', 'Add an IP item')}
          row={(n) => (
            <>
              <Form.Item name={[n, 'kind']} rules={req} noStyle>
                <Select
                  placeholder={t('类型', 'Kind')}
                  options={optionsFrom(IP_KIND_NAMES, t)}
                  style={{ width: 140 }}
                />
              </Form.Item>
              <Form.Item name={[n, 'number']} noStyle>
                <Input placeholder={t('号码', 'Number')} style={{ width: 150 }} />
              </Form.Item>
              <Form.Item name={[n, 'title']} noStyle>
                <Input placeholder={t('名称', 'Title')} style={{ width: 180 }} />
              </Form.Item>
            </>
          )}
        />
      </Form.Item>
    </>
  );
}
