/**
 * 导入指标体系: a workbook (xlsx/CSV, one row per node) becomes a new draft — the next version of an existing code or
 * version 1 of a new one. All or nothing: a refusal lists every problem by row and column.
 */
import { useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { Framework, FrameworkSummary } from '../../../../../../contracts/monitoring.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { importReport, type ReportRow } from './tree.ts';

const MAX_BYTES = 5 * 1024 * 1024;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function ImportModal({
  open,
  versions,
  onClose,
  onImported,
}: {
  open: boolean;
  versions: readonly FrameworkSummary[];
  onClose: () => void;
  onImported: (f: Framework) => void;
}) {
  const t = useT();
  const { locale } = useSession();
  const codes = [...new Map(versions.map((v) => [v.code, v])).values()];
  const [target, setTarget] = useState<'existing' | 'new'>(codes.length > 0 ? 'existing' : 'new');
  const [code, setCode] = useState(codes[0]?.code ?? '');
  const [newCode, setNewCode] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ReportRow[]>([]);

  const chosen = target === 'existing' ? code : newCode.trim();
  const ready = CODE.test(chosen) && (target === 'existing' || nameZh.trim() !== '');

  const upload = async (file: File) => {
    setError(null);
    setReport([]);
    if (!ready) {
      setError(t('请先选择或填写体系编码和名称', 'Choose or enter the framework code and name first'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setError(t('文件超过 5 MB', 'The file is larger than 5 MB'));
      return;
    }
    setBusy(true);
    try {
      const f = await api.upload<Framework>('/api/monitoring/frameworks/import', file, {
        code: chosen,
        nameZh: target === 'new' ? nameZh.trim() : undefined,
        name: file.name,
      });
      onImported(f);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.text(locale));
        setReport(importReport(err.details));
      } else setError(String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('导入指标体系', 'Import a framework')}
      open={open}
      onCancel={onClose}
      footer={null}
      width={760}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t(
            '以导出的指标体系表为模板：每行一个节点（指数、维度、指标）或一条校验规则。导入生成草稿版本，核对后再启用；文件有任何问题则全部不写入。',
            'Start from an exported workbook: one row per node (index, dimension, indicator) or rule. The import creates a draft to check before activating; any problem leaves nothing written.',
          )}
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('导入为', 'Import as')} style={{ marginBottom: 8 }}>
            <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as 'existing' | 'new')}>
              <Radio value="existing" disabled={codes.length === 0}>
                {t('已有体系的新版本', 'A new version of a framework')}
              </Radio>
              <Radio value="new">{t('新的指标体系', 'A new framework')}</Radio>
            </Radio.Group>
          </Form.Item>
          {target === 'existing' ? (
            <Form.Item label={t('体系', 'Framework')}>
              <Select
                aria-label={t('体系', 'Framework')}
                value={code}
                onChange={setCode}
                options={codes.map((c) => ({ value: c.code, label: `${c.nameZh}（${c.code}）` }))}
              />
            </Form.Item>
          ) : (
            <Space align="start" wrap>
              <Form.Item
                label={t('体系编码', 'Code')}
                validateStatus={newCode && !CODE.test(newCode.trim()) ? 'error' : undefined}
                help={t('字母、数字、点、下划线或连字符', 'Letters, digits, . _ -')}
              >
                <Input value={newCode} onChange={(e) => setNewCode(e.target.value)} placeholder="im-2024" />
              </Form.Item>
              <Form.Item label={t('体系名称', 'Name')} style={{ minWidth: 360 }}>
                <Input
                  value={nameZh}
                  maxLength={200}
                  onChange={(e) => setNameZh(e.target.value)}
                  placeholder={t(
                    '如：内蒙古县域科技创新能力监测指标体系（2024）',
                    'e.g. official county framework 2024',
                  )}
                />
              </Form.Item>
            </Space>
          )}
        </Form>
        <Upload.Dragger
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          multiple={false}
          showUploadList={false}
          disabled={busy || !ready}
          data-testid="framework-import-upload"
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {busy ? t('正在导入……', 'Importing…') : t('点击或拖入指标体系表', 'Click or drop the workbook here')}
          </p>
          <p className="ant-upload-hint">{t('xlsx 或 CSV，最大 5 MB', 'xlsx or CSV, up to 5 MB')}</p>
        </Upload.Dragger>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        {report.length > 0 && (
          <Table<ReportRow>
            data-testid="framework-import-report"
            size="small"
            bordered
            dataSource={report}
            pagination={report.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              { title: t('行', 'Row'), dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
              { title: t('列', 'Column'), dataIndex: 'column', width: 140, render: (c: string) => c || '—' },
              {
                title: t('问题', 'Problem'),
                dataIndex: 'message',
                render: (m: string, r) => (locale === 'en-US' ? r.messageEn : m),
              },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
