import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseSnippet, Snippet } from './snippet.tsx';

describe('search snippets', () => {
  it('splits marked terms from escaped text', () => {
    expect(parseSnippet('达拉特旗<mark>种薯</mark>繁育 &amp; 推广')).toEqual([
      { text: '达拉特旗', marked: false },
      { text: '种薯', marked: true },
      { text: '繁育 & 推广', marked: false },
    ]);
  });

  it('never turns escaped markup into elements', () => {
    const html = '&lt;img src=x onerror=alert(1)&gt;<mark>奶牛</mark>&lt;script&gt;alert(2)&lt;/script&gt;';
    const { container } = render(<Snippet html={html} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('mark')?.textContent).toBe('奶牛');
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>奶牛<script>alert(2)</script>');
  });

  it('shows unknown tags as text', () => {
    const { container } = render(<Snippet html="<b>粗体</b><mark>马铃薯</mark>" />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<b>粗体</b>马铃薯');
  });
});
