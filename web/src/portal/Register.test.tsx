import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from './locale.tsx';
import { RegisterPage } from './Register.tsx';
import { json, stubFetch, VALID_USCC } from './test-support.ts';

function renderForm(role: string | null) {
  return render(
    <LocaleProvider>
      <RegisterPage role={role} />
    </LocaleProvider>,
  );
}

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

/** The message shown under a field, found through the field's aria-describedby. */
function errorOf(label: string | RegExp): string {
  const input = screen.getByLabelText(label);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('error'));
  return error?.textContent ?? '';
}

async function fillFarmer() {
  type(/姓名$/, '王建国');
  type('手机号码', '13904711234');
  await waitFor(() => expect(screen.getByRole('option', { name: '呼和浩特市' })).toBeTruthy());
  fireEvent.change(screen.getByLabelText('盟市'), { target: { value: '150100' } });
  await waitFor(() => expect(screen.getByRole('option', { name: '新城区' })).toBeTruthy());
  fireEvent.change(screen.getByLabelText('旗县（区）'), { target: { value: '150102' } });
  type('密码', 'Caoyuan#2026');
  type('再次输入密码', 'Caoyuan#2026');
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: '提交注册申请' }));

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('registration page', () => {
  it('offers the three roles first', () => {
    stubFetch();
    renderForm(null);
    const links = screen.getAllByRole('link').map((a) => a.getAttribute('href'));
    expect(links).toEqual(
      expect.arrayContaining(['/register?role=enterprise', '/register?role=researcher', '/register?role=farmer']),
    );
  });

  it('says what an account gives today, before the choice and beside the form, and that results need no account', () => {
    stubFetch();
    renderForm(null);
    const note = screen.getByTestId('account-gives');
    expect(note.textContent).toContain('注册账户目前可以');
    expect(note.textContent).toContain('接收站内通知');
    expect(note.textContent).toContain('由各级科技部门工作人员使用');
    expect(within(note).getByRole('link').getAttribute('href')).toBe('/monitoring');
    cleanup();
    renderForm('enterprise');
    expect(screen.getByTestId('account-gives').textContent).toContain('无需注册即可查看');
  });

  it('shows Chinese messages next to a bad phone, and sends nothing', async () => {
    const calls = stubFetch();
    renderForm('farmer');
    await fillFarmer();
    type('手机号码', '1234567');
    submit();
    expect(errorOf('手机号码')).toContain('手机号码格式不正确');
    expect(screen.getByLabelText('手机号码').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('请修改下面标出的 1 处问题');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('手机号码')));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('asks an enterprise for its name and credit code, and checks the code', async () => {
    stubFetch();
    renderForm('enterprise');
    await fillFarmer();
    type('联系人姓名', '李娜');
    submit();
    expect(screen.getByText('企业注册须填写企业名称和统一社会信用代码')).toBeTruthy();
    type('企业名称', '呼和浩特草原乳业有限公司');
    type('统一社会信用代码', '91150102MA0N00000X');
    submit();
    expect(errorOf('统一社会信用代码')).toContain('统一社会信用代码无效');
    expect(screen.queryByText('企业注册须填写企业名称和统一社会信用代码')).toBeNull();
  });

  it('puts the server field errors next to their fields', async () => {
    stubFetch((c) =>
      c.method === 'POST'
        ? json(400, {
            error: {
              code: 'VALIDATION',
              message: '请求参数有误',
              messageEn: 'The request is invalid',
              details: [
                { path: 'body.password', message: '密码须包含大写字母、小写字母、数字、符号中的至少三类' },
                { path: 'body.organisation.uscc', message: '统一社会信用代码无效 / invalid credit code' },
              ],
            },
          })
        : undefined,
    );
    renderForm('enterprise');
    await fillFarmer();
    type('企业名称', '呼和浩特草原乳业有限公司');
    type('统一社会信用代码', VALID_USCC);
    submit();
    await waitFor(() => expect(errorOf('密码')).toContain('密码须包含大写字母、小写字母、数字、符号中的至少三类'));
    expect(errorOf('统一社会信用代码')).toBe('统一社会信用代码无效');
    expect(screen.getByRole('alert').textContent).toContain('2 处问题');
  });

  it('shows a form-level server error such as a duplicate', async () => {
    stubFetch((c) =>
      c.method === 'POST'
        ? json(409, {
            error: {
              code: 'DUPLICATE',
              message: '用户名、手机号或统一社会信用代码已被使用',
              messageEn: 'Already in use',
            },
          })
        : undefined,
    );
    renderForm('farmer');
    await fillFarmer();
    submit();
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('用户名、手机号或统一社会信用代码已被使用'),
    );
  });

  it('confirms that the county S&T bureau will review the application', async () => {
    const calls = stubFetch((c) => (c.method === 'POST' ? json(201, { status: 'pending' }) : undefined));
    renderForm('farmer');
    await fillFarmer();
    type(/^用户名/, 'wang-jianguo');
    submit();
    const heading = await screen.findByRole('heading', { name: '申请已提交；审核结果会通知您' });
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: '/api/registrations',
      body: { role: 'farmer', username: 'wang-jianguo', phone: '13904711234', divisionCode: '150102' },
    });
    const done = heading.closest('section')!;
    expect(within(done).getByText('新城区科技局')).toBeTruthy();
    expect(within(done).getByText('wang-jianguo')).toBeTruthy();
    expect(done.textContent).toContain('账户正在等待审核');
    // True whether or not the username or phone was taken: the server answers both the same way.
    expect(done.textContent).toContain('如用户名或手机号已被使用，申请不会成立——请用已有账户登录或找回密码');
  });
});
