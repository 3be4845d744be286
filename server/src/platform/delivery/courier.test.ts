/** Out-of-band delivery: the SMS webhook over a real local HTTP server, the operator-log fallback, the test channel. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { courierFor, isMemoryCourier, messageText, operatorLogCourier, smsWebhookCourier } from './courier.ts';

const message = {
  userId: 7,
  username: 'herder',
  purpose: 'password-reset' as const,
  link: 'https://qixian.example.cn/reset-password#t=abc123',
  expiresAt: '2026-12-08T10:00:00.000Z',
  phone: '13900001234',
};

describe('courier', () => {
  let server: http.Server | null = null;
  afterEach(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  async function gateway(status: number): Promise<{ url: string; bodies: unknown[] }> {
    const bodies: unknown[] = [];
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(raw));
        res.statusCode = status;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, bodies };
  }

  it('sends the link to the registered phone through the SMS gateway and reports only the masked number', async () => {
    const g = await gateway(200);
    const lines: string[] = [];
    const courier = smsWebhookCourier(
      g.url,
      operatorLogCourier((l) => lines.push(l)),
    );
    const receipt = await courier.deliver(message, '139****1234');
    expect(receipt).toEqual({ channel: 'sms', recipient: '139****1234' });
    expect(g.bodies).toEqual([{ to: '13900001234', text: messageText(message), purpose: 'password-reset' }]);
    expect(messageText(message)).toContain(message.link);
    expect(lines).toEqual([]);
  });

  it('falls back to the operator log for an account without a phone and when the gateway refuses', async () => {
    const g = await gateway(502);
    const lines: string[] = [];
    const courier = smsWebhookCourier(
      g.url,
      operatorLogCourier((l) => lines.push(l)),
    );
    const receipt = await courier.deliver({ ...message, phone: null }, null);
    expect(receipt).toEqual({ channel: 'operator-log', recipient: null });
    expect(JSON.parse(lines[0]!)).toMatchObject({ username: 'herder', link: message.link, purpose: 'password-reset' });
    const refused = await courier.deliver(message, '139****1234');
    expect(refused).toEqual({ channel: 'operator-log', recipient: null });
    expect(g.bodies).toHaveLength(1);
    expect(lines).toHaveLength(2);
  });

  it('keeps messages in memory in test mode only', () => {
    expect(isMemoryCourier(courierFor({ mode: 'test' }))).toBe(true);
    expect(isMemoryCourier(courierFor({ mode: 'demo' }))).toBe(false);
    expect(isMemoryCourier(courierFor({ mode: 'production', smsWebhook: 'https://sms.example.cn' }))).toBe(false);
  });
});
