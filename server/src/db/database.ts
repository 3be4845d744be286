import type { Kysely, Transaction } from 'kysely';
import type {
  CountyAttributeTable,
  DivisionClosureTable,
  DivisionCodeHistoryTable,
  DivisionTable,
} from '../modules/divisions/divisions.tables.ts';
import type { OrganisationTable } from '../modules/organisations/organisations.tables.ts';
import type {
  PasswordResetTicketTable,
  RoleGrantRequestTable,
  RoleHistoryTable,
  UserRoleTable,
  UserTable,
} from '../modules/users/users.tables.ts';
import type {
  AuditLogTable,
  AuthThrottleTable,
  LoginThrottleTable,
  SessionTable,
} from '../platform/platform.tables.ts';
import type { NotificationTable } from '../platform/notifications/notifications.tables.ts';
import type { SearchDocumentTable } from '../platform/search/search.tables.ts';
import type { MonitoringTables } from '../modules/monitoring/monitoring.tables.ts';
import type { JobTable } from '../platform/jobs/jobs.tables.ts';
import type { Engine } from './dialect.ts';

export interface Database extends MonitoringTables {
  division: DivisionTable;
  division_closure: DivisionClosureTable;
  county_attribute: CountyAttributeTable;
  division_code_history: DivisionCodeHistoryTable;
  organisation: OrganisationTable;
  app_user: UserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  auth_throttle: AuthThrottleTable;
  password_reset_ticket: PasswordResetTicketTable;
  role_grant_request: RoleGrantRequestTable;
  role_history: RoleHistoryTable;
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
