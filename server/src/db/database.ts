import type { Kysely, Transaction } from 'kysely';
import type {
  AuditLogTable,
  AuthThrottleTable,
  LoginThrottleTable,
  SessionTable,
} from '../platform/platform.tables.ts';
import type { NotificationTable } from '../platform/notifications/notifications.tables.ts';
import type { SearchDocumentTable } from '../platform/search/search.tables.ts';
import type { JobTable } from '../platform/jobs/jobs.tables.ts';
import type { Engine } from './dialect.ts';

/**
 * The platform's tables. Each module declares its own tables beside its code by declaration merging, so this file
 * imports no module:
 *
 *   declare module '../../db/database.ts' {
 *     interface Database { organisation: OrganisationTable }
 *   }
 */
export interface Database {
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  search_document: SearchDocumentTable;
  notification: NotificationTable;
  job: JobTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type DbOrTrx = Kysely<Database>;

export interface DbHandle {
  db: Db;
  engine: Engine;
  destroy(): Promise<void>;
}
