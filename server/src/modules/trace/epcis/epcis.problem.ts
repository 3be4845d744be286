/**
 * RFC 7807 problems as the EPCIS 2.0 REST bindings shape them (`type` epcisException:…, title, status, detail), with
 * the platform's bilingual `error` object beside them so console clients read them like any other error.
 */
import type { ErrorCode } from '../../../platform/errors/errors.ts';
import type { EpcisProblem } from './epcis.validation.ts';

export type EpcisExceptionType =
  | 'ValidationException'
  | 'QueryParameterException'
  | 'NoSuchResourceException'
  | 'SecurityException'
  | 'CaptureLimitExceededException'
  | 'ImplementationException'
  | 'ResourceAlreadyExistsException'
  | 'UnsupportedMediaTypeException'
  | 'NotAcceptableException';

const STATUS: Record<EpcisExceptionType, number> = {
  ValidationException: 400,
  QueryParameterException: 400,
  NoSuchResourceException: 404,
  SecurityException: 403,
  CaptureLimitExceededException: 413,
  ImplementationException: 500,
  ResourceAlreadyExistsException: 409,
  UnsupportedMediaTypeException: 415,
  NotAcceptableException: 406,
};

const CODE: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  406: 'VALIDATION',
  409: 'DUPLICATE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'VALIDATION',
  500: 'INTERNAL',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Located problems (event index, JSON pointer), Chinese first. */
  errors?: EpcisProblem[];
  error: {
    code: ErrorCode;
    message: string;
    messageEn: string;
    details?: { path: string; message: string; messageEn: string }[];
  };
}

/** Thrown by the EPCIS service; the EPCIS routes answer it as application/problem+json. */
export class EpcisProblemError extends Error {
  readonly body: ProblemBody;
  constructor(type: EpcisExceptionType, zh: string, en: string, errors?: EpcisProblem[], instance?: string) {
    super(en);
    const status = STATUS[type];
    this.body = {
      type: `epcisException:${type}`,
      title: `${zh} / ${en}`,
      status,
      detail: errors?.[0] ? `${errors[0].message} / ${errors[0].messageEn}` : `${zh} / ${en}`,
      ...(instance ? { instance } : {}),
      ...(errors ? { errors } : {}),
      error: {
        code: CODE[status] ?? 'VALIDATION',
        message: zh,
        messageEn: en,
        ...(errors
          ? { details: errors.map((e) => ({ path: e.pointer || '/', message: e.message, messageEn: e.messageEn })) }
          : {}),
      },
    };
  }
  get status(): number {
    return this.body.status;
  }
}
