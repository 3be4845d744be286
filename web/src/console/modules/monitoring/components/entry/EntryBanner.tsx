/**
 * The entry form's status banner: the workflow status, the deadline (red and marked 已逾期 once it has passed without
 * a submission, as the review list says 逾期), and completeness, errors and warnings as checked while typing.
 */
import { Alert, Progress, Space, Tag, Typography } from 'antd';
import type { Form } from '../../../../../../../contracts/monitoring.ts';
import { pick } from '../../../../../shared/i18n.ts';
import { useT } from '../../../../i18n.ts';
import { STATUS_LABELS } from '../../collection/form-state.ts';

export interface EntryBannerProps {
  form: Form;
  completeness: number;
  errors: number;
  warnings: number;
}

function Deadline({ form }: { form: Form }) {
  const t = useT();
  if (!form.late) return <>{t(`截止日期 ${form.deadline}`, `deadline ${form.deadline}`)}</>;
  return (
    <Typography.Text type="danger" strong data-testid="form-overdue">
      {t(`已逾期（截止日期 ${form.deadline}）`, `overdue (deadline ${form.deadline})`)}
    </Typography.Text>
  );
}

export function EntryBanner({ form, completeness, errors, warnings }: EntryBannerProps) {
  const t = useT();
  const status = STATUS_LABELS[form.status];
  const overdueOpen = form.late && form.editable;
  return (
    <Alert
      type={overdueOpen ? 'error' : status.alert}
      showIcon
      style={{ marginBottom: 16 }}
      title={
        form.editable ? (
          <span>
            {t(`${pick(status, 'zh-CN')}：填写后保存，`, `${pick(status, 'en-US')}: save as you go; `)}
            <Deadline form={form} />
            {t('。', '.')}
          </span>
        ) : (
          <span>
            {t(`${pick(status, 'zh-CN')}，当前只读。`, `${pick(status, 'en-US')}; read-only for you.`)}
            {form.late && (
              <Tag color="error" style={{ marginLeft: 8 }}>
                {t('逾期提交', 'Submitted late')}
              </Tag>
            )}
          </span>
        )
      }
      description={
        <Space wrap size="large">
          <span data-testid="form-completeness">
            {t('完整度', 'Completeness')}{' '}
            <Progress
              percent={Math.round(completeness * 100)}
              size="small"
              style={{ width: 140, display: 'inline-flex' }}
            />
          </span>
          <Typography.Text type={errors ? 'danger' : 'secondary'} data-testid="form-errors">
            {t(`错误 ${errors} 项`, `${errors} error(s)`)}
          </Typography.Text>
          <Typography.Text type={warnings ? 'warning' : 'secondary'}>
            {t(`待说明预警 ${warnings} 项`, `${warnings} warning(s) to explain`)}
          </Typography.Text>
          <span>
            {t('指标体系', 'Framework')}: {form.framework.nameZh} v{form.framework.version}
            {form.framework.isDefault && <Tag style={{ marginLeft: 4 }}>{t('默认', 'default')}</Tag>}
          </span>
        </Space>
      }
    />
  );
}
