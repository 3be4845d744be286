import type { FastifyRequest } from 'fastify';
import { callerActor, type Caller } from '../deps.ts';
import { AppError } from '../errors/errors.ts';

/** The signed-in caller of a route whose rule already required a session. */
export function callerOf(req: FastifyRequest): Caller {
  if (!req.principal) throw new AppError('UNAUTHENTICATED');
  return { principal: req.principal, actor: callerActor(req.principal, req.ip) };
}
