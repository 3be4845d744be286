/** What a module provides to make one of its lists importable. */
import type { DbOrTrx, Trx } from '../../db/database.ts';
import type { Permission } from '../../../../contracts/access.ts';
import type { Caller, Deps } from '../deps.ts';
import type { RowError, SheetSpec, ValidRow } from './sheet.ts';

export interface ImportKind<Row> {
  /** URL segment: /api/imports/{kind}. */
  kind: string;
  /** Needed to upload, read the template and commit; rows must lie within its scope. */
  permission: Permission;
  sheet: SheetSpec<Row>;
  /** Template file name (Chinese) and its ASCII fallback. */
  templateName: string;
  templateAsciiName: string;
  /** Division of a row, checked against the caller's scope for `permission`. */
  divisionOf(row: Row): string;
  /** Row errors that need the database (duplicates in the file or already registered). */
  check(db: DbOrTrx, rows: readonly ValidRow<Row>[], deps: Deps): Promise<RowError[]>;
  /**
   * Writes every row in one transaction (each row audited), runs `finish(trx)` inside it, and returns the number
   * of rows written. Any failure must leave nothing written.
   */
  commit(
    deps: Deps,
    caller: Caller,
    rows: readonly ValidRow<Row>[],
    finish: (trx: Trx) => Promise<void>,
  ): Promise<number>;
}

/** Type-erased form used by the generic routes (methods are bivariant, so every ImportKind<Row> fits). */
export type AnyImportKind = ImportKind<unknown>;
