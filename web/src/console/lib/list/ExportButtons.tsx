/** Export buttons (导出 Excel / CSV) for a list: the same filters as on screen, downloaded with the session. */
import { Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { withQuery } from '../../../shared/api.ts';
import { useT } from '../../i18n.ts';
import { useDownload } from '../download.ts';

export interface ExportButtonsProps {
  /** Path without the extension: `/api/organisations/export` gives export.xlsx and export.csv. */
  path: string;
  filters: Parameters<typeof withQuery>[1];
  /** File name when the server names none. */
  baseName: string;
}

export function ExportButtons({ path, filters, baseName }: ExportButtonsProps) {
  const t = useT();
  const { busy, run } = useDownload();
  const exportAs = (format: 'xlsx' | 'csv') =>
    void run(`${path}.${format}`, filters, `${baseName}.${format}`, (name) => t(`已导出 ${name}`, `Exported ${name}`));

  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} loading={busy === `${path}.xlsx`} onClick={() => exportAs('xlsx')}>
        {t('导出 Excel', 'Export Excel')}
      </Button>
      <Button loading={busy === `${path}.csv`} onClick={() => exportAs('csv')}>
        {t('导出 CSV', 'Export CSV')}
      </Button>
    </Space.Compact>
  );
}
