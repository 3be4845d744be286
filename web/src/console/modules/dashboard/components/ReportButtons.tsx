/** 区域概览报告: the region overview report of the current division as Word or PDF (rendered on the server). */
import { Button, Space } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n.ts';
import { useDownload } from '../../../lib/download.ts';

const PATH = '/api/reports/region-overview';

export function ReportButtons({ division }: { division: string }) {
  const t = useT();
  const { busy, run } = useDownload();
  const generate = (format: 'docx' | 'pdf') =>
    void run(`${PATH}.${format}`, { division }, `region-overview-${division}.${format}`, (name) =>
      t(`已生成 ${name}`, `Generated ${name}`),
    );

  return (
    <Space.Compact>
      <Button
        icon={<FileWordOutlined />}
        loading={busy === `${PATH}.docx`}
        onClick={() => generate('docx')}
        data-testid="report-docx"
      >
        {t('概览报告 Word', 'Overview (Word)')}
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        loading={busy === `${PATH}.pdf`}
        onClick={() => generate('pdf')}
        data-testid="report-pdf"
      >
        PDF
      </Button>
    </Space.Compact>
  );
}
