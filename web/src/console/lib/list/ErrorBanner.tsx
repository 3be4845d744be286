/** A list or page that failed to load: the server's message, and a retry button where the page can retry. */
import { Alert, Button } from 'antd';
import { useT } from '../../i18n.ts';

export function ErrorBanner({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      style={{ marginBottom: 16 }}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('重试', 'Retry')}
          </Button>
        )
      }
    />
  );
}
