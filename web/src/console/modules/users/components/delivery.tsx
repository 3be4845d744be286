/**
 * Where a one-time link went (password reset, account activation): the channel and until when it works — never the
 * link itself, which only the account holder receives (server/src/platform/delivery/courier.ts).
 */
import { Descriptions, Typography } from 'antd';
import type { z } from 'zod';
import type { ZDelivery } from '../../../../../../contracts/users.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';

export type Delivery = z.infer<typeof ZDelivery>;

/** The channel in words: 短信 139****1234, 由运维人员当面转交本人, 测试通道. */
export function deliveryChannelText(d: Delivery, t: (zh: string, en: string) => string): string {
  switch (d.channel) {
    case 'sms':
      return d.recipient
        ? t(`短信发送至 ${d.recipient}`, `SMS to ${d.recipient}`)
        : t('短信发送至本人登记的手机', 'SMS to the registered phone');
    case 'operator-log':
      return t('由运维人员当面转交本人', 'The operator hands it to the holder in person');
    case 'memory':
      return t('测试通道', 'Test channel');
  }
}

/** Channel and expiry of a one-time link, as a small table. */
export function DeliveryFacts({ delivery, testId }: { delivery: Delivery; testId?: string }) {
  const t = useT();
  const { locale } = useSession();
  return (
    <div data-testid={testId}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('送达方式', 'Sent by')}>
          <Typography.Text strong>{deliveryChannelText(delivery, t)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('有效期至', 'Valid until')}>
          {formatDateTime(delivery.expiresAt, locale)}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
