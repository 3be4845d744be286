/**
 * 站外送达 / out-of-band delivery: one-time links (password reset, account activation) go to the account holder over a
 * channel the administrator who asked for them cannot read — an SMS gateway, or the operator's server log from which
 * the link is handed to the holder in person. No API answer ever carries the link.
 *
 * Channels:
 * - `sms`: POST {to, text} as JSON to `QIXIAN_SMS_WEBHOOK` (the organisation's SMS gateway) when the account has a
 *   phone number; otherwise the next channel;
 * - `operator-log`: one JSON line on the server's standard error (the operator's console / journald), never in the
 *   database or the audit log;
 * - `memory`: test mode only — kept in `sent` for the test to read as the holder would.
 */
export type DeliveryPurpose = 'password-reset' | 'account-activation';

export interface OutOfBandMessage {
  userId: number;
  username: string;
  purpose: DeliveryPurpose;
  /** The one-time link (secret). */
  link: string;
  expiresAt: string;
  /** The holder's phone number in clear (decrypted by the caller), or null. */
  phone: string | null;
}

export interface DeliveryReceipt {
  channel: 'sms' | 'operator-log' | 'memory';
  /** Where it went, masked (138****1234), or null for the operator log. */
  recipient: string | null;
}

export interface Courier {
  deliver(message: OutOfBandMessage, maskedPhone: string | null): Promise<DeliveryReceipt>;
}

const PURPOSE_TEXT: Record<DeliveryPurpose, string> = {
  'password-reset': '【旗县平台】您的账户密码已被管理员重置。请在有效期内打开以下一次性链接设置新密码（勿转发）：',
  'account-activation': '【旗县平台】管理员为您开设了账户。请在有效期内打开以下一次性链接设置密码（勿转发）：',
};

export function messageText(m: OutOfBandMessage): string {
  return `${PURPOSE_TEXT[m.purpose]}${m.link} 有效期至 ${m.expiresAt.replace('T', ' ').slice(0, 16)} (UTC)`;
}

/** Writes the message as one line to standard error (the operator's channel). */
export function operatorLogCourier(write: (line: string) => void = (l) => process.stderr.write(l)): Courier {
  return {
    deliver(m) {
      write(
        `${JSON.stringify({
          level: 'warn',
          time: Date.now(),
          msg: 'out-of-band delivery: hand this one-time link to the account holder only',
          purpose: m.purpose,
          username: m.username,
          link: m.link,
          expiresAt: m.expiresAt,
        })}\n`,
      );
      return Promise.resolve({ channel: 'operator-log', recipient: null });
    },
  };
}

/**
 * SMS through the organisation's gateway (JSON webhook). Accounts without a phone, and messages the gateway does not
 * take (error status, timeout), go to `fallback` instead — the reset has already happened, so the link must reach the
 * holder some way, and the receipt says which.
 */
export function smsWebhookCourier(url: string, fallback: Courier): Courier {
  return {
    async deliver(m, maskedPhone) {
      if (!m.phone) return fallback.deliver(m, maskedPhone);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to: m.phone, text: messageText(m), purpose: m.purpose }),
          signal: AbortSignal.timeout(10_000),
        });
        if (res.ok) return { channel: 'sms', recipient: maskedPhone };
        process.stderr.write(`${JSON.stringify({ level: 'error', msg: `SMS gateway answered ${res.status}` })}\n`);
      } catch (err) {
        process.stderr.write(`${JSON.stringify({ level: 'error', msg: `SMS gateway unreachable: ${String(err)}` })}\n`);
      }
      return fallback.deliver(m, maskedPhone);
    },
  };
}

export interface MemoryCourier extends Courier {
  sent: OutOfBandMessage[];
}

/** Test mode: messages kept in memory, read by the test as the holder would read their phone. */
export function memoryCourier(): MemoryCourier {
  const sent: OutOfBandMessage[] = [];
  return {
    sent,
    deliver(m, maskedPhone) {
      sent.push(m);
      return Promise.resolve({ channel: 'memory', recipient: maskedPhone });
    },
  };
}

export function isMemoryCourier(c: Courier): c is MemoryCourier {
  return Array.isArray((c as Partial<MemoryCourier>).sent);
}

/** The courier for a configuration: memory in test mode, the SMS webhook when set, else the operator log. */
export function courierFor(config: { mode: string; smsWebhook?: string }): Courier {
  if (config.mode === 'test') return memoryCourier();
  const log = operatorLogCourier();
  return config.smsWebhook ? smsWebhookCourier(config.smsWebhook, log) : log;
}
