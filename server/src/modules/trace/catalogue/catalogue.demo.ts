/**
 * Demo data of the catalogue (演示数据, deterministic, idempotent): the demo operator account `operator-150121`
 * (password as the other demo accounts, role enterprise at 土默特左旗) acting for a demo cooperative that holds the
 * GS1 example company prefix 0614141 (the prefix of the GS1 standards' own examples, labelled 演示), and operators,
 * sites, products, batches and animals for the region's product lines in their real counties: 锡林郭勒羊肉
 * (锡林浩特市), 乌兰察布马铃薯 (察哈尔右翼前旗), 赤峰小米 (敖汉旗), 科尔沁牛 (科尔沁左翼中旗), 河套面粉 (五原县),
 * 阿拉善苁蓉 (阿拉善左旗). Names carry （演示）; credit codes are made up but well-formed; no certificate numbers.
 * Trace codes come from a hash of a fixed key (the same on every machine, so they are public: demo only).
 */
import { createHash } from 'node:crypto';
import { usccCheckChar } from '../../../../../contracts/identifiers.ts';
import { DEMO_PASSWORD } from '../../../db/seed/demo.ts';
import { iso } from '../../../platform/clock.ts';
import type { Deps } from '../../../platform/deps.ts';
import { firstDemoOrganisationOf } from '../../organisations/index.ts';
import { accountIdByUsername, createUser } from '../../users/index.ts';
import { gs1CheckDigit } from '../identifiers/check-digit.ts';
import { issueTraceCode } from '../identifiers/trace-code.ts';
import type { OperatorKind, SiteKind } from './catalogue.tables.ts';

export const DEMO_OPERATOR_USERNAME = 'operator-150121';
export const DEMO_GS1_PREFIX = '0614141';

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function demoUscc(kind: '91' | '93', division: string, key: string): string {
  const h = createHash('sha256').update(`trace-demo-uscc:${key}`).digest();
  let body = '';
  for (let i = 0; i < 9; i++) body += CHARS.charAt((h[i] ?? 0) % CHARS.length);
  const first17 = `${kind}${division}${body}`;
  return first17 + (usccCheckChar(first17) ?? '0');
}

const withCheck = (digits: string) => digits + String(gs1CheckDigit(digits));
const demoBytes = (key: string) => createHash('sha256').update(`trace-demo-code:${key}`).digest().subarray(0, 10);

interface DemoBatch {
  lot: string | null;
  producedOn: string;
  quantity: number;
  recalled?: string;
  scans?: { at: string; lat: number; lon: number }[];
}

interface DemoOperator {
  key: string;
  name: string;
  kind: OperatorKind;
  division: string;
  uscc: '91' | '93';
  prefix?: string;
  site: { name: string; kind: SiteKind; lat: number; lon: number };
  product: { name: string; category: string; unit: string; itemRef?: string; description: string };
  batches: DemoBatch[];
  animals?: { species: '2' | '3'; count: number };
}

const OPERATORS: DemoOperator[] = [
  {
    key: 'tzq-coop',
    name: '土默特左旗敕勒川农牧业专业合作社（演示）',
    kind: 'cooperative',
    division: '150121',
    uscc: '93',
    prefix: DEMO_GS1_PREFIX,
    site: { name: '察素齐镇示范田（演示）', kind: 'field', lat: 40.73, lon: 111.15 },
    product: {
      name: '敕勒川鲜食玉米（演示）',
      category: '粮食',
      unit: '箱',
      itemRef: '10734',
      description: '演示数据：鲜食糯玉米，真空包装',
    },
    batches: [
      { lot: 'TZQ2601', producedOn: '2026-08-20', quantity: 1200 },
      { lot: 'TZQ2602', producedOn: '2026-09-02', quantity: 800 },
    ],
  },
  {
    key: 'xlht-mutton',
    name: '锡林浩特市草原牧歌肉羊养殖合作社（演示）',
    kind: 'cooperative',
    division: '152502',
    uscc: '93',
    site: { name: '白音锡勒牧场（演示）', kind: 'pasture', lat: 43.93, lon: 116.1 },
    product: { name: '锡林郭勒羊肉（演示）', category: '畜产品', unit: '千克', description: '演示数据：羔羊分割肉' },
    batches: [
      {
        lot: null,
        producedOn: '2026-10-08',
        quantity: 950,
        scans: [
          { at: '2026-11-02T02:10:00.000Z', lat: 43.9, lon: 116.1 },
          { at: '2026-11-02T03:05:00.000Z', lat: 23.1, lon: 113.3 },
        ],
      },
    ],
    animals: { species: '3', count: 6 },
  },
  {
    key: 'chyq-potato',
    name: '察哈尔右翼前旗丰源马铃薯种植合作社（演示）',
    kind: 'cooperative',
    division: '150926',
    uscc: '93',
    site: { name: '平地泉镇马铃薯基地（演示）', kind: 'field', lat: 41.01, lon: 113.21 },
    product: { name: '乌兰察布马铃薯（演示）', category: '蔬菜', unit: '千克', description: '演示数据：鲜食马铃薯' },
    batches: [{ lot: null, producedOn: '2026-09-25', quantity: 20000 }],
  },
  {
    key: 'ahq-millet',
    name: '敖汉旗黄羊洼小米加工有限公司（演示）',
    kind: 'enterprise',
    division: '150430',
    uscc: '91',
    site: { name: '新惠镇加工厂（演示）', kind: 'plant', lat: 42.29, lon: 119.92 },
    product: { name: '赤峰小米（演示）', category: '粮食', unit: '袋', description: '演示数据：2.5 千克真空装小米' },
    batches: [{ lot: null, producedOn: '2026-10-15', quantity: 3000 }],
  },
  {
    key: 'kzzq-beef',
    name: '科尔沁左翼中旗草原红牛养殖场（演示）',
    kind: 'large_grower',
    division: '150521',
    uscc: '91',
    site: { name: '保康镇肉牛圈舍（演示）', kind: 'barn', lat: 44.13, lon: 123.31 },
    product: { name: '科尔沁牛肉（演示）', category: '畜产品', unit: '千克', description: '演示数据：冷鲜牛肉' },
    batches: [
      { lot: null, producedOn: '2026-10-20', quantity: 1500 },
      { lot: null, producedOn: '2026-10-28', quantity: 1200, recalled: '演示：抽检兽药残留超标，主动召回' },
    ],
    animals: { species: '2', count: 4 },
  },
  {
    key: 'wyx-flour',
    name: '五原县河套雪花粉业有限公司（演示）',
    kind: 'enterprise',
    division: '150821',
    uscc: '91',
    site: { name: '隆兴昌镇面粉厂（演示）', kind: 'plant', lat: 41.09, lon: 108.27 },
    product: { name: '河套面粉（演示）', category: '粮食', unit: '袋', description: '演示数据：5 千克雪花粉' },
    batches: [{ lot: null, producedOn: '2026-11-01', quantity: 5000 }],
  },
  {
    key: 'alszq-cistanche',
    name: '阿拉善左旗沙漠苁蓉种植专业合作社（演示）',
    kind: 'cooperative',
    division: '152921',
    uscc: '93',
    site: { name: '巴彦浩特梭梭林基地（演示）', kind: 'field', lat: 38.84, lon: 105.67 },
    product: { name: '阿拉善肉苁蓉（演示）', category: '中药材', unit: '千克', description: '演示数据：干制肉苁蓉片' },
    batches: [{ lot: null, producedOn: '2026-05-10', quantity: 400 }],
  },
];

/** Seeds the catalogue's demo data once (skips when the demo operator account already acts for an operator). */
export async function seedCatalogueDemo(deps: Deps): Promise<void> {
  const db = deps.db;
  const existing = await db
    .selectFrom('trace_operator')
    .select('id')
    .where('gs1_prefixes', '=', JSON.stringify([DEMO_GS1_PREFIX]))
    .executeTakeFirst();
  if (existing) return;
  const names = await db
    .selectFrom('division')
    .select('code')
    .where(
      'code',
      'in',
      OPERATORS.map((o) => o.division),
    )
    .execute();
  const known = new Set(names.map((n) => n.code));
  const actor = { userId: null, username: 'seed', ip: null };
  let userId = await accountIdByUsername(db, DEMO_OPERATOR_USERNAME);
  if (userId === undefined) {
    const orgId =
      (await firstDemoOrganisationOf(db, '150121', 'social')) ??
      (await firstDemoOrganisationOf(db, '150121', 'enterprise'));
    userId = await createUser(deps, {
      username: DEMO_OPERATOR_USERNAME,
      password: DEMO_PASSWORD,
      displayName: '敕勒川合作社追溯员（演示）',
      roles: [{ role: 'enterprise', divisionCode: '150121' }],
      divisionCode: '150121',
      orgId: orgId ?? null,
      phone: null,
      idNumber: null,
      isDemo: true,
      skipPolicy: true,
      actor,
    });
  }
  const now = iso(deps.clock.now());
  await db.transaction().execute(async (trx) => {
    let n = 0;
    for (const o of OPERATORS) {
      if (!known.has(o.division)) continue;
      const orgId = o.key === 'tzq-coop' ? ((await firstDemoOrganisationOf(trx, '150121', 'social')) ?? null) : null;
      const op = await trx
        .insertInto('trace_operator')
        .values({
          name: o.name,
          kind: o.kind,
          uscc: demoUscc(o.uscc, o.division, o.key),
          masked_id: null,
          division_code: o.division,
          gs1_prefixes: JSON.stringify(o.prefix ? [o.prefix] : []),
          gln: o.prefix ? withCheck(`${o.prefix}00001`) : null,
          org_id: orgId,
          contact: '',
          is_demo: 1,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (o.key === 'tzq-coop')
        await trx.insertInto('trace_operator_user').values({ operator_id: op.id, user_id: userId }).execute();
      const site = await trx
        .insertInto('trace_site')
        .values({ operator_id: op.id, ...o.site, division_code: o.division, is_demo: 1, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const gtin = o.prefix && o.product.itemRef ? withCheck(`0${o.prefix}${o.product.itemRef}`) : null;
      const product = await trx
        .insertInto('trace_product')
        .values({
          operator_id: op.id,
          name: o.product.name,
          category: o.product.category,
          gtin,
          unit: o.product.unit,
          description: o.product.description,
          division_code: o.division,
          is_demo: 1,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      let firstBatch: number | null = null;
      for (const b of o.batches) {
        const batch = await trx
          .insertInto('trace_batch')
          .values({
            operator_id: op.id,
            product_id: product.id,
            site_id: site.id,
            quantity: b.quantity,
            unit: o.product.unit,
            produced_on: b.producedOn,
            trace_code: issueTraceCode(o.division, 2026, demoBytes(`${o.key}:${n++}`)),
            gtin: b.lot ? gtin : null,
            lot: b.lot,
            national_trace_code: null,
            status: b.recalled ? 'recalled' : 'active',
            status_reason: b.recalled ?? '',
            division_code: o.division,
            is_demo: 1,
            created_by: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        firstBatch ??= batch.id;
        let prev: { lat: number; lon: number; at: string } | null = null;
        for (const s of b.scans ?? []) {
          const far = prev !== null && Math.abs(prev.lat - s.lat) + Math.abs(prev.lon - s.lon) > 5;
          await trx
            .insertInto('trace_scan')
            .values({
              batch_id: batch.id,
              scanned_at: s.at,
              ip_hash: createHash('sha256').update(`demo-scan:${s.at}`).digest('hex'),
              lat: s.lat,
              lon: s.lon,
              is_anomaly: far ? 1 : 0,
              anomaly_reason: far ? '演示：相距约 2,300 公里、55 分钟内两次扫描' : '',
            })
            .execute();
          prev = { ...s };
        }
      }
      for (let i = 0; i < (o.animals?.count ?? 0); i++) {
        await trx
          .insertInto('trace_animal')
          .values({
            operator_id: op.id,
            ear_tag: `${o.animals?.species}${o.division}${String(26000001 + i).padStart(8, '0')}`,
            species: o.animals?.species === '2' ? 'cattle' : 'sheep',
            batch_id: firstBatch,
            division_code: o.division,
            is_demo: 1,
            created_at: now,
          })
          .execute();
      }
    }
  });
}
