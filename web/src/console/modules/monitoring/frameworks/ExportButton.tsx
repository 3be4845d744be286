/** 导出: downloads a framework version as the workbook that re-imports identically. */
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { FrameworkSummary } from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { useDownload } from '../../../lib/download.ts';

export function FrameworkExportButton({
  framework: f,
  size,
}: {
  framework: Pick<FrameworkSummary, 'id' | 'code' | 'version'>;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  const download = useDownload();
  return (
    <Button
      size={size}
      icon={<DownloadOutlined />}
      loading={download.busy !== null}
      onClick={() =>
        void download.run(
          `/api/monitoring/frameworks/${f.id}/export.xlsx`,
          undefined,
          `framework-${f.code}-v${f.version}.xlsx`,
          (name) => t(`已下载 ${name}`, `Downloaded ${name}`),
        )
      }
    >
      {t('导出', 'Export')}
    </Button>
  );
}
