/** Routes of the technology-contract registry (技术合同): list, detail, register, change, delete, export, statistics. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, ZOk, errorResponses } from '../../../../../contracts/common.ts';
import {
  ZContract,
  ZContractCodeLists,
  ZContractPage,
  ZContractStats,
  ZContractStatsQuery,
  ZCreateContractRequest,
  ZListContractsQuery,
  ZUpdateContractRequest,
} from '../../../../../contracts/market-contracts.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import { registerExportRoutes } from '../../../platform/spreadsheets/export-routes.ts';
import * as service from './contracts.service.ts';
import { ZContractExportQuery, contractCodeLists, exportContracts, getContractStats } from './contracts.stats.ts';

const READ = { access: 'market:contract_read', scope: 'division-subtree', audit: 'none' } as const;
const tags = ['market'];

export function registerContractRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  registerExportRoutes(app, {
    path: '/api/market/contracts/export',
    rule: { access: 'market:contract_read', scope: 'division-subtree', audit: 'market.contract.export' },
    tags,
    summary: (format) => `导出技术合同（${format}） / export technology contracts`,
    querystring: ZContractExportQuery,
    fileName: { zh: '技术合同', ascii: 'technology-contracts' },
    build: (caller, format, query) => exportContracts(deps, caller, format, query),
  });

  r.get('/api/market/contracts', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '技术合同列表（卖方或买方在管辖范围内） / technology contracts',
      querystring: ZListContractsQuery,
      response: { 200: ZContractPage, ...errorResponses },
    },
    handler: (req) => service.listContracts(deps, callerOf(req), req.query),
  });

  r.get('/api/market/contracts/:id', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '技术合同详情 / contract',
      params: ZIdParams,
      response: { 200: ZContract, ...errorResponses },
    },
    handler: (req) => service.getContract(deps, callerOf(req), req.params.id),
  });

  r.post('/api/market/contracts', {
    config: {
      rule: { access: 'market:contract_register', scope: 'division-subtree', audit: 'market.contract.create' },
    },
    schema: {
      tags,
      summary: '登记技术合同 / register a contract',
      body: ZCreateContractRequest,
      response: { 201: ZContract, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createContract(deps, callerOf(req), req.body)),
  });

  r.patch('/api/market/contracts/:id', {
    config: {
      rule: { access: 'market:contract_register', scope: 'division-subtree', audit: 'market.contract.update' },
    },
    schema: {
      tags,
      summary: '修改技术合同 / update a contract',
      params: ZIdParams,
      body: ZUpdateContractRequest,
      response: { 200: ZContract, ...errorResponses },
    },
    handler: (req) => service.updateContract(deps, callerOf(req), req.params.id, req.body),
  });

  r.delete('/api/market/contracts/:id', {
    config: {
      rule: { access: 'market:contract_register', scope: 'division-subtree', audit: 'market.contract.delete' },
    },
    schema: {
      tags,
      summary: '删除技术合同 / delete a contract',
      params: ZIdParams,
      response: { 200: ZOk, ...errorResponses },
    },
    handler: (req) => service.deleteContract(deps, callerOf(req), req.params.id),
  });

  r.get('/api/market/contract-stats', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '技术合同统计（按旗县、盟市、领域、年度、类型；输出、吸纳、流入、流出） / contract statistics',
      querystring: ZContractStatsQuery,
      response: { 200: ZContractStats, ...errorResponses },
    },
    handler: (req) => getContractStats(deps, callerOf(req), req.query),
  });

  r.get('/api/market/contract-code-lists', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '技术合同代码表（类型、领域、登记机构、免税复核） / code lists',
      response: { 200: ZContractCodeLists, ...errorResponses },
    },
    handler: () => contractCodeLists(),
  });
}
