import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode, type ErrorDetail } from './errors.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; messageEn: string; details?: ErrorDetail[] };
}

const ZH_ISSUES: Record<string, (issue: { minimum?: unknown; maximum?: unknown }) => string> = {
  invalid_type: () => '缺少该字段或类型不正确',
  too_small: (i) => `长度或数值过小（最小 ${String(i.minimum)}）`,
  too_big: (i) => `长度或数值过大（最大 ${String(i.maximum)}）`,
  invalid_format: () => '格式不正确',
  invalid_string: () => '格式不正确',
  invalid_value: () => '取值不在允许范围内',
  invalid_enum_value: () => '取值不在允许范围内',
  unrecognized_keys: () => '包含不允许的字段',
};

/** Zod issue text in Chinese for the common cases; custom issues already carry their own bilingual message. */
function zhIssue(issue: { code?: string; message: string; minimum?: unknown; maximum?: unknown }): string {
  const make = issue.code ? ZH_ISSUES[issue.code] : undefined;
  return make ? make(issue) : issue.message;
}

export function toErrorBody(
  code: ErrorCode,
  details?: ErrorDetail[],
  messages?: { zh: string; en: string },
): ErrorBody {
  const m = messages ?? ERRORS[code];
  return { error: { code, message: m.zh, messageEn: m.en, ...(details ? { details } : {}) } };
}

/** One handler for every error: AppError codes, schema validation, body limits; internals never leak. */
export function registerErrorHandler(app: FastifyInstance, opts: { exposeInternals: boolean }): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      if (err.code === 'RATE_LIMITED') void reply.header('retry-after', '60');
      return reply.status(err.status).send(toErrorBody(err.code, err.details, err.messages));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const validation: FastifySchemaValidationError[] = (err as FastifyError).validation ?? [];
      const context = (err as FastifyError).validationContext ?? 'body';
      const details = validation.map((v) => {
        const params = v.params as { minimum?: unknown; maximum?: unknown };
        const issue = { code: v.keyword, message: v.message ?? '', minimum: params.minimum, maximum: params.maximum };
        const where = context;
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return { path: field ? `${where}.${field}` : where, message: zhIssue(issue), messageEn: issue.message };
      });
      return reply.status(400).send(toErrorBody('VALIDATION', details));
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.status(413).send(toErrorBody('PAYLOAD_TOO_LARGE'));
    if (status === 429) return reply.status(429).send(toErrorBody('RATE_LIMITED'));
    if (status >= 400 && status < 500) {
      // Malformed JSON, wrong content type and the like.
      return reply
        .status(status === 415 ? 415 : 400)
        .send(toErrorBody('VALIDATION', [{ path: 'body', message: '请求体格式不正确', messageEn: err.message }]));
    }
    if (isStorageUnavailable(err)) {
      req.log.error({ err }, 'storage unavailable');
      void reply.header('retry-after', '30');
      return reply.status(503).send(toErrorBody('UNAVAILABLE'));
    }
    req.log.error({ err }, 'unhandled error');
    const body = toErrorBody('INTERNAL');
    if (opts.exposeInternals) body.error.details = [{ path: 'internal', message: err.message }];
    return reply.status(500).send(body);
  });

  app.setNotFoundHandler((_req, reply) => reply.status(404).send(toErrorBody('NOT_FOUND')));
}

function isStorageUnavailable(err: { code?: string }): boolean {
  return ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_BUSY', 'SQLITE_IOERR', 'ECONNREFUSED', '57P01', '53100'].includes(
    err.code ?? '',
  );
}
