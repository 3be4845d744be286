/**
 * Save and discard for the entry form, with the unsaved count and the live error count. On a phone it sticks to the
 * bottom of the screen while the indicators scroll under it.
 */
import { Button, Space, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useT } from '../../../../i18n.ts';

export interface SaveBarProps {
  changed: number;
  saving: boolean;
  errors: number;
  sticky: boolean;
  onSave: () => void;
  onDiscard: () => void;
}

export function SaveBar({ changed, saving, errors, sticky, onSave, onDiscard }: SaveBarProps) {
  const t = useT();
  return (
    <div
      data-testid="save-bar"
      style={
        sticky
          ? {
              position: 'sticky',
              bottom: 0,
              zIndex: 5,
              margin: '0 -12px',
              padding: '8px 12px',
              background: '#fff',
              borderTop: '1px solid #f0f0f0',
              boxShadow: '0 -2px 8px rgba(0,0,0,0.08)',
            }
          : undefined
      }
    >
      <Space wrap>
        <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={changed === 0} onClick={onSave}>
          {t(`保存${changed ? `（${changed}）` : ''}`, `Save${changed ? ` (${changed})` : ''}`)}
        </Button>
        {changed > 0 && <Button onClick={onDiscard}>{t('放弃修改', 'Discard changes')}</Button>}
        {sticky && (
          <Typography.Text type={errors ? 'danger' : 'secondary'}>
            {t(`错误 ${errors} 项`, `${errors} error(s)`)}
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}
