/**
 * 批量导入单位: download the template, upload the filled file (raw bytes; parsed on the server with progress), read
 * the row-level report, fix and upload again, and commit — all rows or none — once the report is clean.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Progress, Result, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { ImportJob, RowErrorDto } from '../../../../../../contracts/imports.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { downloadFile } from '../../../lib/download.ts';
import { pickBilingual } from '../../../lib/forms.ts';
import { canCommit, importStep } from '../../../lib/imports.ts';

const KIND = 'organisations';
const POLL_MS = 400;
/** Largest file the server accepts (20 MiB); refused here first to save the upload. */
const MAX_BYTES = 20 * 1024 * 1024;

export default function OrganisationImportPage() {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [uploading, setUploading] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [templateBusy, setTemplateBusy] = useState(false);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const errorText = (err: unknown) => (err instanceof ApiError ? err.text(locale) : String(err));

  // Poll the report while the server parses.
  useEffect(() => {
    if (job?.status !== 'parsing') return;
    const timer = setTimeout(() => {
      api.get<ImportJob>(`/api/imports/${job.id}`).then(
        (j) => live.current && setJob(j),
        (err: unknown) => live.current && setError(err instanceof ApiError ? err.text(locale) : String(err)),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, locale]);

  const upload = async (file: File) => {
    setError(null);
    setJob(null);
    if (file.size > MAX_BYTES) {
      setError(t('文件超过 20 MB，请拆分后上传', 'The file is larger than 20 MB; split it'));
      return;
    }
    setUploading(true);
    try {
      const j = await api.upload<ImportJob>(`/api/imports/${KIND}`, file, { name: file.name, wait: 'false' });
      if (live.current) setJob(j);
    } catch (err) {
      if (live.current) setError(errorText(err));
    } finally {
      if (live.current) setUploading(false);
    }
  };

  const commit = async () => {
    if (!job) return;
    setCommitting(true);
    setError(null);
    try {
      const j = await api.post<ImportJob>(`/api/imports/${job.id}/commit`);
      setJob(j);
      void message.success(t(`已导入 ${j.rowCount} 个单位`, `${j.rowCount} organisations imported`));
    } catch (err) {
      if (err instanceof ApiError && err.details.length > 0)
        setError(
          [err.text(locale), ...err.details.map((d) => `${d.path}：${pickBilingual(d.message, locale)}`)].join('\n'),
        );
      else setError(errorText(err));
    } finally {
      setCommitting(false);
    }
  };

  const template = async () => {
    setTemplateBusy(true);
    try {
      await downloadFile(`/api/imports/templates/${KIND}.xlsx`, undefined, 'organisations-template.xlsx');
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setTemplateBusy(false);
    }
  };

  const restart = () => {
    setJob(null);
    setError(null);
  };

  const step = importStep(job, uploading);
  const parsing = uploading || job?.status === 'parsing';
  const clean = canCommit(job);

  const uploader = (
    <Upload.Dragger
      accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
      multiple={false}
      showUploadList={false}
      disabled={parsing || committing}
      data-testid="import-upload"
      beforeUpload={(file) => {
        void upload(file);
        return false;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('点击或拖入已填写的文件', 'Click or drop the filled file here')}</p>
      <p className="ant-upload-hint">
        {t(
          '支持 xlsx 和 CSV（UTF-8、GBK、UTF-16 自动识别），最大 20 MB',
          'xlsx or CSV (UTF-8, GBK, UTF-16 detected), up to 20 MB',
        )}
      </p>
    </Upload.Dragger>
  );

  return (
    <Card
      title={t('批量导入单位', 'Bulk import organisations')}
      extra={<Link to="/console/organisations">{t('返回单位列表', 'Back to the list')}</Link>}
    >
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('下载模板', 'Template') },
          { title: t('上传文件', 'Upload') },
          { title: t('校验报告', 'Report') },
          { title: t('完成', 'Done') },
        ]}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={<span style={{ whiteSpace: 'pre-line' }}>{error}</span>}
          style={{ marginBottom: 16 }}
        />
      )}

      {step <= 1 && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Card size="small" title={t('第一步：下载导入模板', 'Step 1: download the template')}>
            <Space orientation="vertical">
              <Typography.Text>
                {t(
                  '模板列出必填列和填写说明：单位名称、单位类型（下拉选择）、统一社会信用代码（企业和事业单位必填）、行政区划代码（须在您的管辖范围内）。',
                  'The template lists the columns and how to fill them: name, type (drop-down), credit code (required for enterprises and institutions), division code (within your divisions).',
                )}
              </Typography.Text>
              <Button icon={<DownloadOutlined />} loading={templateBusy} onClick={() => void template()}>
                {t('下载模板（xlsx）', 'Download template (xlsx)')}
              </Button>
            </Space>
          </Card>
          <Card size="small" title={t('第二步：上传填写好的文件', 'Step 2: upload the filled file')}>
            {parsing ? (
              <Space orientation="vertical" style={{ width: '100%' }} aria-live="polite">
                <Typography.Text>
                  {uploading
                    ? t('正在上传……', 'Uploading…')
                    : t(`正在解析和校验 ${job?.fileName ?? ''}……`, `Parsing and checking ${job?.fileName ?? ''}…`)}
                </Typography.Text>
                <Progress percent={job?.progress ?? 0} status="active" aria-label={t('解析进度', 'Progress')} />
              </Space>
            ) : (
              uploader
            )}
          </Card>
        </Space>
      )}

      {step === 2 && job && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space size="large" wrap>
            <Statistic title={t('文件', 'File')} value={job.fileName} styles={{ content: { fontSize: 16 } }} />
            <Statistic
              title={t('数据行', 'Rows')}
              value={job.rowCount}
              formatter={(v) => formatNumber(Number(v), locale)}
            />
            <Statistic
              title={t('问题', 'Problems')}
              value={job.errorCount}
              formatter={(v) => formatNumber(Number(v), locale)}
              styles={{ content: { color: job.errorCount > 0 ? '#cf1322' : '#389e0d' } }}
            />
          </Space>
          {job.status === 'expired' && (
            <Alert
              type="warning"
              showIcon
              title={t(
                '该导入已超过 24 小时未提交，已过期，请重新上传。',
                'This import expired after 24 hours; upload again.',
              )}
            />
          )}
          {clean ? (
            <Alert
              type="success"
              showIcon
              title={t(
                `校验通过：${job.rowCount} 行全部符合要求，可以提交。`,
                `All ${job.rowCount} rows passed; ready to commit.`,
              )}
              description={t('提交时全部写入或全部不写入。', 'The commit writes every row or none.')}
            />
          ) : (
            job.errorCount > 0 && (
              <Alert
                type="error"
                showIcon
                title={t(
                  `发现 ${job.errorCount} 个问题，未写入任何数据。请按下表修改文件后重新上传。`,
                  `${job.errorCount} problems found; nothing was written. Fix the file as listed and upload it again.`,
                )}
                description={
                  job.errorsTruncated
                    ? t('问题较多，下表只列出前 1000 个。', 'Only the first 1,000 problems are listed.')
                    : undefined
                }
              />
            )
          )}
          {job.errors.length > 0 && (
            <Table<RowErrorDto & { key: number }>
              data-testid="import-report"
              size="small"
              bordered
              dataSource={job.errors.map((e, key) => ({ ...e, key }))}
              pagination={job.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              columns={[
                {
                  title: t('行', 'Row'),
                  dataIndex: 'row',
                  width: 80,
                  render: (r: number) => (r > 0 ? r : '—'),
                },
                { title: t('列', 'Column'), dataIndex: 'column', width: 180, render: (c: string) => c || '—' },
                {
                  title: t('问题', 'Problem'),
                  dataIndex: 'message',
                  render: (m: string, e) => (locale === 'en-US' && e.messageEn ? e.messageEn : m),
                },
              ]}
            />
          )}
          <Space>
            {clean && (
              <Button type="primary" data-testid="import-commit" loading={committing} onClick={() => void commit()}>
                {t('确认导入', 'Commit import')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={restart} disabled={committing}>
              {t('重新上传', 'Upload again')}
            </Button>
          </Space>
        </Space>
      )}

      {step === 3 && job && (
        <Result
          status="success"
          data-testid="import-done"
          title={t(`导入完成：已写入 ${job.rowCount} 个单位`, `Import done: ${job.rowCount} organisations written`)}
          subTitle={job.fileName}
          extra={[
            <Button type="primary" key="list" onClick={() => void navigate('/console/organisations')}>
              {t('查看单位列表', 'Open the list')}
            </Button>,
            <Button key="again" onClick={restart}>
              {t('继续导入', 'Import another file')}
            </Button>,
          ]}
        />
      )}
    </Card>
  );
}
