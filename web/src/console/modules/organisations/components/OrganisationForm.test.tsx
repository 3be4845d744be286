import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { OrganisationForm } from './OrganisationForm.tsx';
import { fakeSession, renderSignedIn, stubFetch } from '../../../lib/test-utils.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function fill(label: RegExp, value: string) {
  const input = await screen.findByLabelText(label);
  fireEvent.change(input, { target: { value } });
}

describe('create-organisation form', () => {
  it('shows the contract message for a bad credit code and sends nothing', async () => {
    const calls = stubFetch(fakeSession());
    const onCreated = vi.fn();
    renderSignedIn(<OrganisationForm onCreated={onCreated} />);
    await fill(/单位名称/, '示例科技有限公司');
    await fill(/统一社会信用代码/, '91150100MA0N000001');
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('统一社会信用代码无效（GB 32100：18 位，校验码不符）')).toBeTruthy();
    expect(await screen.findByText('请选择单位类型')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('says a name is too short in Chinese', async () => {
    stubFetch(fakeSession());
    renderSignedIn(<OrganisationForm onCreated={() => undefined} />);
    await fill(/单位名称/, '甲');
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('至少 2 个字符')).toBeTruthy();
  });

  it('speaks English when the user does', async () => {
    stubFetch(fakeSession({ user: { ...fakeSession().user, locale: 'en-US' } }));
    renderSignedIn(<OrganisationForm onCreated={() => undefined} />);
    await fill(/Unified social credit code/, 'XYZ');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('invalid unified social credit code')).toBeTruthy();
  });

  it('puts the server field errors on the fields and shows other refusals above the form', async () => {
    let answer: { status: number; body: unknown } = {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION',
          message: '请求参数不正确',
          messageEn: 'Invalid request',
          details: [{ path: 'body.name', message: '名称含有不允许的字符', messageEn: 'bad characters' }],
        },
      },
    };
    const calls = stubFetch(fakeSession(), (c) =>
      c.method === 'POST' && c.url === '/api/organisations' ? answer : undefined,
    );
    const onCreated = vi.fn();
    renderSignedIn(<OrganisationForm onCreated={onCreated} />);
    await fill(/单位名称/, '  示例研究所  ');
    // Choose 政府部门 in the type select: no credit code needed.
    const select = await screen.findByRole('combobox', { name: '单位类型' });
    fireEvent.mouseDown(select);
    fireEvent.click(await screen.findByTitle('政府部门'));
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('名称含有不允许的字符')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    // Sent as the contract parses it: trimmed, blanks left out, the division from the switcher.
    expect(post?.body).toEqual({ name: '示例研究所', type: 'government', divisionCode: '150100' });

    answer = {
      status: 403,
      body: {
        error: { code: 'FORBIDDEN', message: '不能在管辖范围以外创建单位', messageEn: 'Outside your divisions' },
      },
    };
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('不能在管辖范围以外创建单位'));
    expect(onCreated).not.toHaveBeenCalled();
  });
});
