/**
 * The entry form's side panels: spreadsheet template and import with its row report, supporting documents, and the
 * approval history with comments.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, List, Popconfirm, Space, Table, Timeline, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { RowErrorDto } from '../../../../../../contracts/imports.ts';
import type { Form, ValuesImportReport } from '../../../../../../contracts/monitoring.ts';
import { api, ApiError, request } from '../../../../shared/api.ts';
import { formatDateTime, pick } from '../../../../shared/i18n.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { downloadFile } from '../../../lib/download.ts';
import { ACTION_LABELS, STATUS_LABELS } from './form-state.ts';

const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.xlsx,.docx';
const MAX_ATTACHMENT = 10 * 1024 * 1024;

function formUrl(form: Pick<Form, 'divisionCode' | 'period'>): string {
  return `/api/monitoring/forms/${form.divisionCode}/${form.period}`;
}

/** Template download and xlsx/CSV import; a rejected file shows its row report and nothing is saved. */
export function ImportPanel({ form, onImported }: { form: Form; onImported: () => void }) {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ValuesImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r = await api.upload<ValuesImportReport>(`${formUrl(form)}/import`, file, { name: file.name });
      setReport(r);
      void message.success(t(`已导入 ${r.changed.length} 项指标`, `${r.changed.length} indicator value(s) imported`));
      onImported();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.body) setReport(err.body as ValuesImportReport);
      else setError(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('表格导入', 'Spreadsheet')}>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void downloadFile(
              `${formUrl(form)}/template.xlsx`,
              undefined,
              `monitoring-${form.divisionCode}-${form.period}.xlsx`,
            ).catch((err: unknown) => void message.error(err instanceof ApiError ? err.text(locale) : String(err)))
          }
        >
          {t('下载模板', 'Template')}
        </Button>
        {form.editable && (
          <Upload
            accept=".xlsx,.csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="form-import">
              {t('导入 xlsx/CSV', 'Import xlsx/CSV')}
            </Button>
          </Upload>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t(
          '模板每行一个指标，填写“本年值”“数据来源”“备注”后上传；任一行有误则全部不保存。',
          'One row per indicator: fill in value, source and note, then upload; any invalid row saves nothing.',
        )}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {report?.status === 'failed' && (
        <div style={{ marginTop: 8 }} data-testid="import-report">
          <Alert
            type="error"
            showIcon
            title={t(
              `${report.fileName}：${report.errors.length} 处错误，未保存任何数据`,
              `${report.fileName}: ${report.errors.length} error(s); nothing was saved`,
            )}
          />
          <Table<RowErrorDto>
            size="small"
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            pagination={report.errors.length > 10 ? { pageSize: 10 } : false}
            dataSource={report.errors}
            columns={[
              { title: t('行号', 'Row'), dataIndex: 'row', width: 60 },
              { title: t('列', 'Column'), dataIndex: 'column', width: 90 },
              {
                title: t('原因', 'Reason'),
                key: 'message',
                render: (_, e) => (locale === 'en-US' ? (e.messageEn ?? e.message) : e.message),
              },
            ]}
          />
        </div>
      )}
      {report?.status === 'saved' && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          title={t(
            `${report.fileName}：读取 ${report.rowCount} 行，更新 ${report.changed.length} 项`,
            `${report.fileName}: ${report.rowCount} rows read, ${report.changed.length} updated`,
          )}
        />
      )}
    </Card>
  );
}

/** Supporting documents (佐证材料): list, download, upload and delete while editable. */
export function AttachmentsPanel({ form, onChanged }: { form: Form; onChanged: () => void }) {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const errorText = (err: unknown) => (err instanceof ApiError ? err.text(locale) : String(err));

  const upload = async (file: File) => {
    if (file.size > MAX_ATTACHMENT) {
      void message.error(t('附件不能超过 10 MB', 'Attachments are limited to 10 MB'));
      return;
    }
    setBusy(true);
    try {
      await api.upload(`${formUrl(form)}/attachments`, file, { name: file.name });
      void message.success(t('附件已上传', 'Attachment uploaded'));
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: number) => {
    try {
      await request(`/api/monitoring/attachments/${id}`, { method: 'DELETE' });
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  return (
    <Card
      size="small"
      title={t('佐证材料', 'Attachments')}
      extra={
        form.editable && (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<PaperClipOutlined />} loading={busy}>
              {t('上传', 'Upload')}
            </Button>
          </Upload>
        )
      }
    >
      {form.attachments.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(
            '暂无附件（PDF、JPG、PNG、XLSX、DOCX，≤10 MB）',
            'None yet (PDF, JPG, PNG, XLSX, DOCX, ≤10 MB)',
          )}
        />
      ) : (
        <List
          size="small"
          dataSource={form.attachments}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button
                  key="down"
                  type="link"
                  size="small"
                  icon={<DownloadOutlined />}
                  aria-label={t('下载', 'Download')}
                  onClick={() =>
                    void downloadFile(`/api/monitoring/attachments/${a.id}`, undefined, a.fileName).catch(
                      (err: unknown) => void message.error(errorText(err)),
                    )
                  }
                />,
                ...(form.editable
                  ? [
                      <Popconfirm
                        key="del"
                        title={t('删除该附件？', 'Delete this attachment?')}
                        okText={t('删除', 'Delete')}
                        cancelText={t('取消', 'Cancel')}
                        onConfirm={() => void remove(a.id)}
                      >
                        <Button
                          type="link"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('删除', 'Delete')}
                        />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                title={a.fileName}
                description={`${(a.bytes / 1024).toFixed(0)} KB${a.indicatorCode ? ` · ${a.indicatorCode}` : ''} · ${formatDateTime(a.createdAt, locale)}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The approval history, newest last, with each comment. */
export function HistoryPanel({ form }: { form: Form }) {
  const t = useT();
  const { locale } = useSession();
  const color = (to: Form['status']) =>
    to === 'returned' ? 'red' : to === 'approved' ? 'green' : to === 'submitted' ? 'blue' : 'gray';
  return (
    <Card size="small" title={t('审核记录', 'History')}>
      {form.events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('尚未提交', 'Not submitted yet')} />
      ) : (
        <Timeline
          items={form.events.map((e, i) => ({
            key: i,
            color: color(e.toStatus),
            title: formatDateTime(e.at, locale),
            content: (
              <Space orientation="vertical" size={0}>
                <Typography.Text>
                  {e.actorName ?? '—'} · {pick(ACTION_LABELS[e.action], locale)} →{' '}
                  {pick(STATUS_LABELS[e.toStatus], locale)}
                </Typography.Text>
                {e.comment && <Typography.Text type="secondary">“{e.comment}”</Typography.Text>}
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
