/** A county form's status in lists (审核, 进度): its tag, and 逾期 when it came in after the deadline. */
import { Space, Tag } from 'antd';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { useT } from '../../../i18n.ts';
import { STATUS_LABELS, type FormStatus } from './form-state.ts';

export function SubmissionStatus({ row }: { row: { status: FormStatus; late: boolean } }) {
  const t = useT();
  return (
    <Space size={4}>
      <StatusTag names={STATUS_LABELS} value={row.status} />
      {row.late && <Tag color="red">{t('逾期', 'Late')}</Tag>}
    </Space>
  );
}
