import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, matchRanges, snippet } from './highlight.ts';
import { parseQuery } from './query.ts';
import { indexTokens, keyTerms, matchTerms, queryTerms } from './segment.ts';
import { parseThesaurus, thesaurus } from './thesaurus.ts';

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

  it('leaves out query terms implied by a longer one, without changing which texts match', () => {
    expect(matchTerms(queryTerms('科技特派员'))).toEqual(['科技特派员']);
    expect(matchTerms(queryTerms('新城区 马铃薯'))).toEqual(['新城区', '马铃薯']);
    expect(matchTerms(queryTerms('奶牛'))).toEqual(['奶牛']);
    expect(matchTerms(['st', '科技'])).toEqual(['st', '科技']);
    const texts = [
      '呼和浩特市赛罕区马铃薯种薯繁育基地',
      '土默特左旗科技特派员进驻星创天地',
      '依托科技型中小企业推广苜蓿，高新技术企业与成果转化协同推进',
      '新城区荷斯坦奶牛养殖专业合作社，派员参加技术合同培训',
      '特派员 科技 新城 城区 马铃 高新 技术 企业 成果 转化',
      '鄂尔多斯市阿尔巴斯绒山羊与紫花苜蓿众创空间孵化器',
    ];
    const queries = [
      '科技特派员',
      '高新技术企业',
      '成果转化',
      '新城区 马铃薯',
      '科技型中小企业',
      '马铃薯种薯',
      '呼和浩特',
      '阿尔巴斯绒山羊',
      '星创天地 特派员',
      '技术合同',
      '众创空间',
    ];
    for (const text of texts) {
      const tokens = new Set(indexTokens(text));
      for (const q of queries) {
        const all = queryTerms(q);
        expect(
          matchTerms(all).every((t) => tokens.has(t)),
          `${q} in ${text}`,
        ).toBe(all.every((t) => tokens.has(t)));
      }
    }
  });

  it('drops punctuation and markup, lower-cases Latin letters, and caps the number of terms', () => {
    expect(queryTerms('<script>alert("x")</script>')).toEqual(['script', 'alert', 'x']);
    expect(queryTerms('ＳＴ 科技')).toEqual(['st', '科技']);
    expect(queryTerms('%%% ，。！')).toEqual([]);
    expect(queryTerms('马铃薯 燕麦 荞麦 向日葵 甜菜 玉米 大豆 羊草 苜蓿 奶牛 肉牛 绒山羊 双峰驼').length).toBe(12);
  });

  it('indexes every Han character and character pair once, so one- and two-character queries match substrings', () => {
    const tokens = indexTokens('演示肉业3号，乌珠穆沁，肉业');
    expect(tokens).toEqual(expect.arrayContaining(['演', '肉', '业', '肉业', '示肉', '乌珠', '珠穆', '穆沁', '沁']));
    for (const g of ['演', '肉', '示肉', '号', '乌', '沁']) expect(tokens.filter((x) => x === g), g).toHaveLength(1);
    expect(tokens).not.toContain('号乌'); // pairs stay within a run of Han characters
    expect(tokens).toContain('3');
  });

  it('widens a query term by its thesaurus alternatives and highlights their words', () => {
    expect(parseQuery('奶牛').clauses).toEqual([[['奶牛'], ['乳业'], ['奶业'], ['乳品'], ['奶源'], ['牛奶'], ['乳制品']]]);
    const seed = parseQuery('种薯 托克托县');
    expect(seed.clauses[0]).toContainEqual(['马铃薯种业']);
    expect(seed.clauses[0]).toContainEqual(['马铃薯', '良种']);
    expect(seed.clauses[1]).toBe('托克托县');
    expect(seed.highlight).toEqual(expect.arrayContaining(['种薯', '马铃薯种业', '托克托县']));
    expect(parseQuery('科技局').clauses).toEqual([[['科技局'], ['科学技术', '局']]]);
    expect(parseQuery('科技特派员').clauses).toEqual(['科技特派员']);
    expect(parseQuery('%%% ，。').clauses).toEqual([]);
  });

  it('reads the thesaurus: every term is one query term, malformed lines are refused', () => {
    for (const term of thesaurus().keys()) expect(matchTerms(queryTerms(term)), term).toEqual([term]);
    expect(parseThesaurus('# c\n\n奶牛： 乳业  奶业\n奶牛: 乳业 牛奶 奶牛\n')).toEqual(new Map([['奶牛', ['乳业', '奶业', '牛奶']]]));
    expect(() => parseThesaurus('奶牛 乳业')).toThrow(/line 1/);
    expect(() => parseThesaurus('ok: a\n奶牛:')).toThrow(/line 2/);
    expect(() => parseThesaurus('a: b: c')).toThrow(/line 1/);
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
