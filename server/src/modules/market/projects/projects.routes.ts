/** Routes of transfer projects (转化项目) and the transfer service centres' boards. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import {
  ZCreateProjectRequest,
  ZListProjectsQuery,
  ZMilestoneParams,
  ZMilestoneRequest,
  ZProject,
  ZProjectBoard,
  ZProjectPage,
  ZStageChangeRequest,
  ZUpdateMilestoneRequest,
  ZUpdateProjectRequest,
} from '../../../../../contracts/market-contracts.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import * as service from './projects.service.ts';

const READ = { access: 'market:project_read', scope: 'division-subtree', audit: 'none' } as const;
const manage = (audit: string) => ({ access: 'market:project_manage', scope: 'division-subtree', audit }) as const;
const tags = ['market'];

export function registerProjectRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/market/transfer-projects', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '转化项目列表 / transfer projects',
      querystring: ZListProjectsQuery,
      response: { 200: ZProjectPage, ...errorResponses },
    },
    handler: (req) => service.listProjects(deps, callerOf(req), req.query),
  });

  r.get('/api/market/transfer-projects/:id', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '转化项目详情（里程碑、阶段记录） / transfer project',
      params: ZIdParams,
      response: { 200: ZProject, ...errorResponses },
    },
    handler: (req) => service.getProject(deps, callerOf(req), req.params.id),
  });

  r.post('/api/market/transfer-projects', {
    config: { rule: manage('market.project.create') },
    schema: {
      tags,
      summary: '新建转化项目 / create a transfer project',
      body: ZCreateProjectRequest,
      response: { 201: ZProject, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createProject(deps, callerOf(req), req.body)),
  });

  r.patch('/api/market/transfer-projects/:id', {
    config: { rule: manage('market.project.update') },
    schema: {
      tags,
      summary: '修改转化项目（投资、产值、就业等） / update a transfer project',
      params: ZIdParams,
      body: ZUpdateProjectRequest,
      response: { 200: ZProject, ...errorResponses },
    },
    handler: (req) => service.updateProject(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/transfer-projects/:id/stage', {
    config: { rule: manage('market.project.stage') },
    schema: {
      tags,
      summary: '转化项目阶段变更（研发、小试、中试、产业化） / change stage',
      params: ZIdParams,
      body: ZStageChangeRequest,
      response: { 200: ZProject, ...errorResponses },
    },
    handler: (req) => service.changeStage(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/transfer-projects/:id/milestones', {
    config: { rule: manage('market.project.milestone') },
    schema: {
      tags,
      summary: '添加里程碑 / add a milestone',
      params: ZIdParams,
      body: ZMilestoneRequest,
      response: { 201: ZProject, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.addMilestone(deps, callerOf(req), req.params.id, req.body)),
  });

  r.patch('/api/market/transfer-projects/:id/milestones/:milestoneId', {
    config: { rule: manage('market.project.milestone') },
    schema: {
      tags,
      summary: '更新里程碑（完成日期、佐证说明） / update a milestone',
      params: ZMilestoneParams,
      body: ZUpdateMilestoneRequest,
      response: { 200: ZProject, ...errorResponses },
    },
    handler: (req) => service.updateMilestone(deps, callerOf(req), req.params.id, req.params.milestoneId, req.body),
  });

  r.get('/api/market/transfer-centres/:id/board', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '转化服务中心看板（按阶段分组） / a centre’s board by stage',
      params: ZIdParams,
      response: { 200: ZProjectBoard, ...errorResponses },
    },
    handler: (req) => service.getBoard(deps, callerOf(req), req.params.id),
  });
}
