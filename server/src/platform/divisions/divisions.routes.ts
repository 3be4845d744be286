/** Public, read-only division API: a division with its path, children, descendants, county attributes, code history. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody, errorResponses } from '../../../../contracts/common.ts';
import {
  ZAttributesQuery,
  ZCodeHistoryQuery,
  ZCountyAttributeList,
  ZDescendantsQuery,
  ZDivisionCodeChangeList,
  ZDivisionDetail,
  ZDivisionList,
  ZDivisionParams,
} from '../../../../contracts/divisions.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import { presentAttribute, presentCodeChange, presentDivision, presentDivisionDetail } from './divisions.presenter.ts';
import {
  findDivision,
  listAttributes,
  listChildren,
  listCodeHistory,
  listDescendants,
  listPath,
  type DivisionRow,
} from './divisions.repository.ts';

/** Reference data anyone may read; rate-limited like every public endpoint. */
const PUBLIC_READ = {
  rule: { access: 'public', scope: 'public-data', audit: 'none' },
  rateLimit: { max: 300, timeWindow: '1 minute' },
} as const;

const TAGS = ['divisions'];
const RESPONSE_ERRORS = { ...errorResponses, 429: ZErrorBody } as const;

/** `get*` throws: an unknown code is a 404. */
async function getDivision(db: DbOrTrx, code: string): Promise<DivisionRow> {
  const row = await findDivision(db, code);
  if (!row) throw new AppError('NOT_FOUND', { zh: `未找到行政区划 ${code}`, en: `No division with code ${code}` });
  return row;
}

/** Registers the division routes; the static `/history` route is declared before `/:code`. */
export function registerDivisionRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/divisions/history', {
    config: PUBLIC_READ,
    schema: {
      tags: TAGS,
      summary: '行政区划代码变更 / division code history',
      querystring: ZCodeHistoryQuery,
      response: { 200: ZDivisionCodeChangeList, ...RESPONSE_ERRORS },
    },
    handler: async (req) => {
      const rows = await listCodeHistory(deps.db, { code: req.query.code });
      return { items: rows.map(presentCodeChange) };
    },
  });

  r.get('/api/divisions/:code', {
    config: PUBLIC_READ,
    schema: {
      tags: TAGS,
      summary: '行政区划详情 / division with its path',
      params: ZDivisionParams,
      response: { 200: ZDivisionDetail, ...RESPONSE_ERRORS },
    },
    handler: async (req) => {
      const row = await getDivision(deps.db, req.params.code);
      return presentDivisionDetail(row, await listPath(deps.db, row.code));
    },
  });

  r.get('/api/divisions/:code/children', {
    config: PUBLIC_READ,
    schema: {
      tags: TAGS,
      summary: '下级行政区划 / direct children',
      params: ZDivisionParams,
      response: { 200: ZDivisionList, ...RESPONSE_ERRORS },
    },
    handler: async (req) => {
      const row = await getDivision(deps.db, req.params.code);
      return { items: (await listChildren(deps.db, row.code)).map(presentDivision) };
    },
  });

  r.get('/api/divisions/:code/descendants', {
    config: PUBLIC_READ,
    schema: {
      tags: TAGS,
      summary: '所有下级行政区划 / all descendants, optionally of one level',
      params: ZDivisionParams,
      querystring: ZDescendantsQuery,
      response: { 200: ZDivisionList, ...RESPONSE_ERRORS },
    },
    handler: async (req) => {
      const row = await getDivision(deps.db, req.params.code);
      const rows = await listDescendants(deps.db, { code: row.code, level: req.query.level });
      return { items: rows.map(presentDivision) };
    },
  });

  r.get('/api/divisions/:code/attributes', {
    config: PUBLIC_READ,
    schema: {
      tags: TAGS,
      summary: '旗县属性 / county attributes (dated, sourced)',
      params: ZDivisionParams,
      querystring: ZAttributesQuery,
      response: { 200: ZCountyAttributeList, ...RESPONSE_ERRORS },
    },
    handler: async (req) => {
      const row = await getDivision(deps.db, req.params.code);
      const rows = await listAttributes(deps.db, {
        code: row.code,
        year: req.query.year,
        attribute: req.query.attribute,
      });
      return { items: rows.map(presentAttribute) };
    },
  });
}
