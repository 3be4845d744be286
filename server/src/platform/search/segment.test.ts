import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, matchRanges, snippet } from './highlight.ts';
import { indexTokens, keyTerms, queryTerms } from './segment.ts';

describe('segmentation (jieba + domain dictionary)', () => {
  it.each([
    [
      '呼和浩特市赛罕区马铃薯种薯繁育基地',
      ['呼和浩特市', '呼和浩特', '赛罕区', '马铃薯', '马铃', '种薯', '繁育', '基地'],
    ],
    ['荷斯坦奶牛养殖专业合作社', ['荷斯坦', '奶牛', '养殖', '专业合作社', '合作社']],
    ['锡林郭勒盟乌珠穆沁羊良种繁育', ['锡林郭勒盟', '锡林郭勒', '乌珠穆沁羊', '良种繁育']],
    ['土默特左旗科技特派员进驻星创天地', ['土默特左旗', '科技特派员', '特派员', '星创天地']],
    ['鄂尔多斯市阿尔巴斯绒山羊与紫花苜蓿', ['鄂尔多斯市', '阿尔巴斯绒山羊', '绒山羊', '紫花苜蓿', '苜蓿']],
  ])('indexes %s under its words and their parts', (text, expected) => {
    expect(indexTokens(text)).toEqual(expect.arrayContaining(expected));
  });

  it('splits queries the same way, two-character words included', () => {
    expect(queryTerms('种薯')).toEqual(['种薯']);
    expect(queryTerms('奶牛')).toEqual(['奶牛']);
    expect(queryTerms('马铃薯 种薯')).toEqual(['马铃', '马铃薯', '种薯']);
  });

  it('drops punctuation and markup, lower-cases Latin letters, and caps the number of terms', () => {
    expect(queryTerms('<script>alert("x")</script>')).toEqual(['script', 'alert', 'x']);
    expect(queryTerms('ＳＴ 科技')).toEqual(['st', '科技']);
    expect(queryTerms('%%% ，。！')).toEqual([]);
    expect(queryTerms('马铃薯 燕麦 荞麦 向日葵 甜菜 玉米 大豆 羊草 苜蓿 奶牛 肉牛 绒山羊 双峰驼').length).toBe(12);
  });

  it('takes the words of a title for similar items', () => {
    expect(keyTerms('新城区马铃薯种薯繁育基地')).toEqual(['新城区', '马铃薯', '种薯', '繁育', '基地']);
  });
});

describe('highlighting', () => {
  it('escapes HTML and marks the terms', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(highlight('<script>马铃薯</script>种薯', ['马铃薯', '种薯'])).toBe(
      '&lt;script&gt;<mark>马铃薯</mark>&lt;/script&gt;<mark>种薯</mark>',
    );
  });

  it('merges overlapping terms into one mark', () => {
    expect(matchRanges('马铃薯种薯', ['马铃', '马铃薯', '种薯'])).toEqual([[0, 5]]);
    expect(highlight('马铃薯种薯基地', ['马铃', '马铃薯'])).toBe('<mark>马铃薯</mark>种薯基地');
  });

  it('takes the snippet from the body when it matches, else from the title, with ellipses', () => {
    const body = `${'草原'.repeat(60)}推广奶牛良种${'牧区'.repeat(60)}`;
    const s = snippet('年度总结', body, ['奶牛']);
    expect(s).toContain('<mark>奶牛</mark>');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(snippet('奶牛场', '无关', ['奶牛'])).toBe('<mark>奶牛</mark>场');
  });
});
