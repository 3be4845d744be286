/**
 * 下载报告: the region report or a county's diagnostic report of an index run as Word or PDF. The server renders it
 * as a background job (POST /api/monitoring/runs/:id/reports -> 202 job); the button follows its progress every
 * 500 ms and downloads the file when it is ready. Errors are shown in the user's language (Chinese first).
 */
import { useEffect, useRef, useState } from 'react';
import { App, Button, Progress, Space, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import type { Job } from '../../../../../../contracts/monitoring.ts';
import { ApiError, api } from '../../../../shared/api.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { downloadFile } from '../../../lib/download.ts';
import { followJob, jobErrorText } from '../report-job.ts';

export interface ReportJobButtonsProps {
  runId: number;
  /** `region`: the region report (callers whose scope covers the region); `county`: the county's diagnosis. */
  kind: 'region' | 'county';
  /** The county code, for `kind="county"`. */
  division?: string;
  size?: 'small' | 'middle';
}

type Format = 'docx' | 'pdf';

export function ReportJobButtons({ runId, kind, division, size = 'middle' }: ReportJobButtonsProps) {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [format, setFormat] = useState<Format | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const fail = (err: unknown) => {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    void message.error(err instanceof ApiError ? err.text(locale) : t('报告生成失败', 'The report failed'));
  };

  const generate = async (f: Format) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setFormat(f);
    setJob(null);
    try {
      const queued = await api.post<Job>(`/api/monitoring/runs/${runId}/reports`, {
        kind,
        format: f,
        ...(kind === 'county' ? { division } : {}),
      });
      setJob(queued);
      const done = await followJob((signal) => api.get<Job>(`/api/jobs/${queued.id}`, undefined, signal), {
        signal: controller.signal,
        onUpdate: setJob,
      });
      if (done.status === 'failed') {
        void message.error(jobErrorText(done.error, locale));
        return;
      }
      const name = await downloadFile(`/api/jobs/${done.id}/file`, undefined, done.fileName ?? `report.${f}`);
      void message.success(t(`已生成 ${name}`, `Generated ${name}`));
    } catch (err) {
      fail(err);
    } finally {
      if (abort.current === controller) {
        setFormat(null);
        setJob(null);
      }
    }
  };

  const label = kind === 'region' ? t('全区报告', 'Region report') : t('诊断报告', 'Diagnostic report');
  const running = format !== null;
  return (
    <Space size="small" wrap data-testid="report-job">
      <Space.Compact>
        <Button
          size={size}
          icon={<FileWordOutlined />}
          loading={format === 'docx'}
          disabled={running && format !== 'docx'}
          onClick={() => void generate('docx')}
          data-testid="report-job-docx"
        >
          {t(`下载${label}（Word）`, `${label} (Word)`)}
        </Button>
        <Button
          size={size}
          icon={<FilePdfOutlined />}
          loading={format === 'pdf'}
          disabled={running && format !== 'pdf'}
          onClick={() => void generate('pdf')}
          data-testid="report-job-pdf"
        >
          PDF
        </Button>
      </Space.Compact>
      {running && (
        <Space size="small" data-testid="report-job-progress">
          <Progress
            type="circle"
            size={22}
            percent={job?.progress ?? 0}
            aria-label={t('报告生成进度', 'Report progress')}
          />
          <Typography.Text type="secondary">
            {job?.status === 'queued' || !job
              ? t('排队中…', 'Queued…')
              : // Status lines are written in Chinese by the server: English shows the percentage alone.
                [`${job.progress}%`, locale === 'en-US' ? '' : job.message].filter(Boolean).join(' ')}
          </Typography.Text>
        </Space>
      )}
    </Space>
  );
}
