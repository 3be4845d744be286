/**
 * Deterministic demo data set (演示数据) for the default region: staff accounts for the region, every league and
 * every county, the three administrators, sample public users, and demo organisations with valid-format (made-up)
 * credit codes. Every demo row carries is_demo = 1 and demo names say 演示. Idempotent.
 */
import { hashPassword } from '../../platform/auth/passwords.ts';
import { iso } from '../../platform/clock.ts';
import { analyzeAfterBulkWrite } from '../dialect.ts';
import { idNumberCheckChar, usccCheckChar } from '../../../../contracts/identifiers.ts';
import type { Deps } from '../../platform/deps.ts';
import type { RoleCode } from '../../../../contracts/access.ts';
import { createUser } from '../../modules/users/index.ts';
import type { OrganisationType } from '../../modules/organisations/index.ts';
import { reindex } from '../../platform/search/sources.ts';
import { MODULES } from '../../modules/registry.ts';
import { DEFAULT_REGION_CODE } from '../../../../contracts/region.ts';

/** Documented demo password; production mode never seeds and refuses demo accounts. */
export const DEMO_PASSWORD = 'Demo#2026qx';

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  division: string;
  note: string;
}

/** mulberry32: small deterministic PRNG so the demo set is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A made-up but well-formed 统一社会信用代码 (GB 32100 check character) for a demo enterprise. */
export function demoUscc(divisionCode: string, rand: () => number, kind: '91' | '12' = '91'): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += ORG_CODE_CHARS.charAt(Math.floor(rand() * ORG_CODE_CHARS.length));
  const first17 = `${kind}${divisionCode}${org}`;
  return first17 + (usccCheckChar(first17) ?? USCC_CHARS.charAt(0));
}

function demoIdNumber(divisionCode: string, rand: () => number): string {
  const year = 1960 + Math.floor(rand() * 40);
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
  const seq = String(Math.floor(rand() * 1000)).padStart(3, '0');
  const first17 = `${divisionCode}${year}${month}${day}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

const INDUSTRIES = [
  '农牧科技',
  '乳业',
  '马铃薯种业',
  '草业',
  '羊绒制品',
  '新能源科技',
  '稀土材料',
  '生物科技',
  '肉业',
  '沙产业',
];
const SUFFIX = ['有限公司', '股份有限公司', '专业合作社'];
const RESPONSIBILITY_UNITS = [
  '自治区发展和改革委员会',
  '自治区教育厅',
  '自治区工业和信息化厅',
  '自治区农牧厅',
  '自治区财政厅',
  '自治区人力资源和社会保障厅',
  '自治区商务厅',
  '自治区统计局',
  '自治区科学技术协会',
];

export async function seedDemo(deps: Deps): Promise<{ accounts: DemoAccount[]; organisations: number }> {
  const db = deps.db;
  const accounts: DemoAccount[] = [];
  const already = await db.selectFrom('app_user').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  const leagues = await db
    .selectFrom('division')
    .select(['code', 'name'])
    .where('parent_code', '=', DEFAULT_REGION_CODE)
    .orderBy('code')
    .execute();
  const counties = await db
    .selectFrom('division_closure')
    .innerJoin('division', 'division.code', 'division_closure.descendant_code')
    .select(['division.code', 'division.name', 'division.parent_code'])
    .where('division_closure.ancestor_code', '=', DEFAULT_REGION_CODE)
    .where('division.level', '=', 'county')
    .orderBy('division.code')
    .execute();

  const plan: {
    username: string;
    role: RoleCode;
    division: string;
    name: string;
    note: string;
    orgKey?: string;
    pi?: boolean;
  }[] = [
    {
      username: 'sysadmin',
      role: 'sys-admin',
      division: DEFAULT_REGION_CODE,
      name: '系统管理员（演示）',
      note: '系统管理员，首次登录绑定动态口令',
    },
    {
      username: 'secadmin',
      role: 'sec-admin',
      division: DEFAULT_REGION_CODE,
      name: '安全管理员（演示）',
      note: '安全管理员，首次登录绑定动态口令',
    },
    {
      username: 'auditadmin',
      role: 'audit-admin',
      division: DEFAULT_REGION_CODE,
      name: '审计管理员（演示）',
      note: '审计管理员，首次登录绑定动态口令',
    },
    {
      username: 'region',
      role: 'region-officer',
      division: DEFAULT_REGION_CODE,
      name: '科技厅分析员（演示）',
      note: '自治区科技厅',
    },
  ];
  for (const l of leagues)
    plan.push({
      username: `league-${l.code}`,
      role: 'league-officer',
      division: l.code,
      name: `${l.name}科技局（演示）`,
      note: `${l.name}科技局`,
    });
  for (const c of counties)
    plan.push({
      username: `county-${c.code}`,
      role: 'county-officer',
      division: c.code,
      name: `${c.name}科技局（演示）`,
      note: `${c.name}科技局`,
    });
  plan.push(
    {
      username: 'unit-nmt',
      role: 'unit-officer',
      division: DEFAULT_REGION_CODE,
      name: '农牧厅联络员（演示）',
      note: '责任单位：自治区农牧厅',
      orgKey: 'unit:自治区农牧厅',
    },
    {
      username: 'enterprise-150121',
      role: 'enterprise',
      division: '150121',
      name: '企业联络人（演示）',
      note: '土默特左旗演示企业',
      orgKey: 'ent:150121',
      pi: true,
    },
    {
      username: 'researcher-150105',
      role: 'researcher',
      division: '150105',
      name: '科研人员（演示）',
      note: '赛罕区',
      pi: true,
    },
    {
      username: 'expert-150121',
      role: 'expert',
      division: '150121',
      name: '科技特派员（演示）',
      note: '土默特左旗',
      pi: true,
    },
    {
      username: 'farmer-150121',
      role: 'farmer',
      division: '150121',
      name: '农牧民（演示）',
      note: '土默特左旗',
      pi: true,
    },
  );

  let organisations = 0;
  const orgIds = new Map<string, number>();
  if (!already) {
    const rand = prng(20260101);
    const now = iso(deps.clock.now());
    await db.transaction().execute(async (trx) => {
      const insert = async (
        name: string,
        type: OrganisationType,
        uscc: string | null,
        division: string,
        key?: string,
      ) => {
        const row = await trx
          .insertInto('organisation')
          .values({
            name,
            type,
            uscc,
            division_code: division,
            status: 'active',
            is_demo: 1,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        organisations++;
        if (key) orgIds.set(key, row.id);
      };
      for (const u of RESPONSIBILITY_UNITS)
        await insert(u, 'responsibility_unit', null, DEFAULT_REGION_CODE, `unit:${u}`);
      for (const l of leagues) await insert(`${l.name}科学技术局`, 'government', null, l.code);
      for (const c of counties) {
        await insert(`${c.name}科学技术局`, 'government', null, c.code);
        const n = 2 + Math.floor(rand() * 4);
        for (let i = 0; i < n; i++) {
          const industry = INDUSTRIES[Math.floor(rand() * INDUSTRIES.length)] ?? '科技';
          const suffix = SUFFIX[Math.floor(rand() * SUFFIX.length)] ?? '有限公司';
          const type: OrganisationType = suffix === '专业合作社' ? 'social' : 'enterprise';
          await insert(
            `${c.name}演示${industry}${i + 1}号${suffix}`,
            type,
            demoUscc(c.code, rand),
            c.code,
            i === 0 ? `ent:${c.code}` : undefined,
          );
        }
        if (rand() < 0.3)
          await insert(`${c.name}演示农牧业技术推广中心`, 'institution', demoUscc(c.code, rand, '12'), c.code);
      }
    });
    await reindex(db); // the demo organisations become searchable (batched)
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const piRand = prng(1949);
    for (const p of plan) {
      await createUser(deps, {
        username: p.username,
        password: DEMO_PASSWORD,
        passwordHash,
        displayName: p.name,
        roles: [{ role: p.role, divisionCode: p.division }],
        divisionCode: p.division,
        orgId: p.orgKey ? (orgIds.get(p.orgKey) ?? null) : null,
        phone: p.pi ? `199${String(Math.floor(piRand() * 1e8)).padStart(8, '0')}` : null,
        idNumber: p.pi ? demoIdNumber(p.division, piRand) : null,
        isDemo: true,
        skipPolicy: true,
        actor: { userId: null, username: 'seed', ip: null },
      });
    }
  }
  // 监测评价演示数据: values 2021-2025, submissions, published runs (after the accounts: they report and approve)
  for (const m of MODULES) await m.seeds?.demo?.(deps);
  if (!already) await analyzeAfterBulkWrite(db); // first seed: fresh statistics for the planner (PostgreSQL)
  for (const p of plan)
    accounts.push({ username: p.username, password: DEMO_PASSWORD, role: p.role, division: p.division, note: p.note });
  return { accounts, organisations };
}
