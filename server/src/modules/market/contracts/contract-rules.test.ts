import { describe, expect, it } from 'vitest';
import { checkContract, daysBetween, type ContractInput } from './contract-rules.ts';
import type { DivisionInfo } from './division-info.ts';

const info = new Map<string, DivisionInfo>([
  ['150000', { name: '内蒙古自治区', level: 'province', parent: null }],
  ['150100', { name: '呼和浩特市', level: 'prefecture', parent: '150000' }],
  ['150102', { name: '新城区', level: 'county', parent: '150100' }],
  ['150200', { name: '包头市', level: 'prefecture', parent: '150000' }],
  ['150203', { name: '昆都仑区', level: 'county', parent: '150200' }],
  ['110000', { name: '北京市', level: 'province', parent: null }],
  ['110108', { name: '海淀区', level: 'county', parent: '110000' }],
]);
const region = new Set(['150000', '150100', '150102', '150200', '150203']);

const base: ContractInput = {
  agencyCode: 'NM-HOHHOT',
  signedOn: '2024-03-01',
  appliedOn: '2024-03-05',
  registeredOn: '2024-03-20',
  contractValue: 100,
  turnover: 80,
  seller: { uscc: 'A', divisionCode: '150102' },
  buyer: { uscc: 'B', divisionCode: '150203' },
};

describe('checkContract', () => {
  it.each([
    ['a valid contract registers at the seller', {}, [], '150102'],
    ['turnover above the value', { turnover: 101 }, ['turnover'], null],
    ['registration before signing', { registeredOn: '2024-02-01', appliedOn: null }, ['registeredOn'], null],
    ['one party twice', { buyer: { uscc: 'A', divisionCode: '150203' } }, ['buyer'], null],
    ['an unknown county', { buyer: { uscc: 'B', divisionCode: '159999' } }, ['buyer.divisionCode'], null],
    ['a league is not a county', { seller: { uscc: 'A', divisionCode: '150100' } }, ['seller.divisionCode'], null],
    ['the Baotou agency does not serve Hohhot', { agencyCode: 'NM-BAOTOU' as const }, ['agencyCode'], null],
    ['the region agency serves every league', { agencyCode: 'NM-REGION' as const }, [], '150102'],
    [
      'a seller outside the region registers at the buyer',
      { agencyCode: 'OUTSIDE' as const, seller: { uscc: 'A', divisionCode: '110108' } },
      [],
      '150203',
    ],
    [
      'an outside seller with a regional agency',
      { seller: { uscc: 'A', divisionCode: '110108' } },
      ['agencyCode'],
      null,
    ],
  ] as const)('%s', (_name, change, paths, home) => {
    const { issues, derived } = checkContract({ ...base, ...change } as ContractInput, info, region);
    expect(issues.map((i) => i.path)).toEqual(paths);
    expect(derived?.homeDivisionCode ?? null).toBe(home);
  });

  it('both parties outside the region are refused', () => {
    const r = checkContract(
      {
        ...base,
        agencyCode: 'OUTSIDE',
        seller: { uscc: 'A', divisionCode: '110108' },
        buyer: { uscc: 'B', divisionCode: '110108' },
      },
      info,
      region,
    );
    expect(r.issues[0]?.message).toBe('买卖双方至少一方须在本区域内');
  });

  it('flags a registration more than 30 days after the application (or the signing without one)', () => {
    expect(daysBetween('2024-03-05', '2024-04-04')).toBe(30);
    expect(checkContract({ ...base, registeredOn: '2024-04-04' }, info, region).derived?.isOverdue).toBe(false);
    expect(checkContract({ ...base, registeredOn: '2024-04-05' }, info, region).derived).toMatchObject({
      isOverdue: true,
      registrationDays: 31,
      year: 2024,
    });
    const noApplication = checkContract({ ...base, appliedOn: null, registeredOn: '2024-04-01' }, info, region);
    expect(noApplication.derived?.registrationDays).toBe(31);
  });
});
