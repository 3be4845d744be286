/** Export buttons (导出 Excel / CSV) for a list: the same filters as on screen, downloaded with the session. */
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ApiError, type withQuery } from '../../shared/api.ts';
import { useSession } from '../session.tsx';
import { useT } from '../i18n.ts';
import { downloadFile } from '../modules/admin/download.ts';

export interface ExportButtonsProps {
  /** Path without the extension: `/api/organisations/export` gives export.xlsx and export.csv. */
  path: string;
  filters: Parameters<typeof withQuery>[1];
  /** File name when the server names none. */
  baseName: string;
}

export function ExportButtons({ path, filters, baseName }: ExportButtonsProps) {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);

  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const name = await downloadFile(`${path}.${format}`, filters, `${baseName}.${format}`);
      void message.success(t(`已导出 ${name}`, `Exported ${name}`));
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void run('xlsx')}>
        {t('导出 Excel', 'Export Excel')}
      </Button>
      <Button loading={busy === 'csv'} onClick={() => void run('csv')}>
        {t('导出 CSV', 'Export CSV')}
      </Button>
    </Space.Compact>
  );
}
