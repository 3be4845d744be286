/** Error codes of the platform, each with its HTTP status and a Chinese and English message. */
export const ERRORS = {
  VALIDATION: { status: 400, zh: '请求参数有误', en: 'The request is invalid' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  LOGIN_FAILED: {
    status: 401,
    zh: '用户名或密码错误，或账户暂时锁定',
    en: 'Wrong username or password, or the account is temporarily locked',
  },
  MFA_REQUIRED: { status: 401, zh: '需要动态口令验证', en: 'A one-time code is required' },
  MFA_INVALID: { status: 401, zh: '动态口令错误', en: 'The one-time code is wrong' },
  /** POST /api/me/password: the current password given does not match (not counted towards the login lockout). */
  CURRENT_PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  /** The password was reset by an administrator: change it (POST /api/me/password) before anything else. */
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '密码已被管理员重置，请先修改密码',
    en: 'Your password was reset by an administrator; change it first',
  },
  CSRF: { status: 403, zh: '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and retry' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You do not have permission for this action' },
  SEPARATION_OF_DUTIES: {
    status: 409,
    zh: '三员分立：系统管理员、安全管理员、审计管理员角色不能由同一账户兼任',
    en: 'Separation of duties: system, security and audit administrator roles cannot be combined',
  },
  NOT_FOUND: { status: 404, zh: '未找到该对象', en: 'Not found' },
  CONFLICT: { status: 409, zh: '数据冲突', en: 'Conflict' },
  DUPLICATE: { status: 409, zh: '该记录已存在', en: 'This record already exists' },
  INVALID_STATE: { status: 409, zh: '当前状态不允许此操作', en: 'Not allowed in the current state' },
  /** An export would exceed its row cap: narrow the filters. */
  EXPORT_TOO_LARGE: {
    status: 400,
    zh: '导出记录过多，请缩小筛选范围后重试',
    en: 'Too many rows to export; narrow the filters and retry',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  /** The request (headers or body) arrived too slowly and was cut. */
  REQUEST_TIMEOUT: {
    status: 408,
    zh: '请求超时，请检查网络后重试',
    en: 'Request timeout; check the connection and retry',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  UNAVAILABLE: { status: 503, zh: '服务暂时不可用，请稍后再试', en: 'Service temporarily unavailable' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorDetail {
  /** Field path such as `body.uscc`. */
  path: string;
  message: string;
  messageEn?: string;
}

/** The only error services throw; the error handler maps it to a status and a bilingual body. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  /** Overrides the default message of the code (Chinese, English). */
  readonly messages?: { zh: string; en: string };

  constructor(code: ErrorCode, opts: { details?: ErrorDetail[]; zh?: string; en?: string } = {}) {
    super(opts.en ?? ERRORS[code].en);
    this.name = 'AppError';
    this.code = code;
    this.details = opts.details;
    if (opts.zh || opts.en) this.messages = { zh: opts.zh ?? ERRORS[code].zh, en: opts.en ?? ERRORS[code].en };
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}
