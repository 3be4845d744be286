/** 区域概览报告: the region overview report of the current division as Word or PDF (rendered on the server). */
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { ApiError } from '../../shared/api.ts';
import { useSession } from '../session.tsx';
import { useT } from '../i18n.ts';
import { downloadFile } from '../modules/admin/download.ts';

export function ReportButtons({ division }: { division: string }) {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'docx' | 'pdf' | null>(null);

  const run = async (format: 'docx' | 'pdf') => {
    setBusy(format);
    try {
      const name = await downloadFile(
        `/api/reports/region-overview.${format}`,
        { division },
        `region-overview-${division}.${format}`,
      );
      void message.success(t(`已生成 ${name}`, `Generated ${name}`));
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space.Compact>
      <Button
        icon={<FileWordOutlined />}
        loading={busy === 'docx'}
        onClick={() => void run('docx')}
        data-testid="report-docx"
      >
        {t('概览报告 Word', 'Overview (Word)')}
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        loading={busy === 'pdf'}
        onClick={() => void run('pdf')}
        data-testid="report-pdf"
      >
        PDF
      </Button>
    </Space.Compact>
  );
}
