/** Accounts as an import kind (user:create): no roles, like the admin API; all accounts or none. */
import { checkNewPassword, hashPassword } from '../../platform/auth/passwords.ts';
import type { ImportKind } from '../../platform/spreadsheets/import-kind.ts';
import type { RowError } from '../../platform/spreadsheets/sheet.ts';
import { insertAccount } from './users.admin.ts';
import { existingPhoneHashes, existingUsernames } from './users.repository.ts';
import { userSheet, type UserImportRow } from './users.sheet.ts';

function duplicates(
  rows: readonly { row: number; value: UserImportRow }[],
  key: (r: UserImportRow) => string | undefined,
  column: string,
): { errors: RowError[]; first: Map<string, number> } {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const r of rows) {
    const k = key(r.value);
    if (k === undefined) continue;
    const seen = first.get(k);
    if (seen !== undefined)
      errors.push({ row: r.row, column, message: `与第 ${seen} 行重复`, messageEn: `Repeats row ${seen}` });
    else first.set(k, r.row);
  }
  return { errors, first };
}

export const userImport: ImportKind<UserImportRow> = {
  kind: 'users',
  permission: 'user:create',
  sheet: userSheet,
  templateName: '账户导入模板.xlsx',
  templateAsciiName: 'users-template.xlsx',
  divisionOf: (row) => row.divisionCode,
  async check(db, rows, deps) {
    const errors: RowError[] = [];
    for (const r of rows)
      for (const m of checkNewPassword(deps.config.mode, r.value.password, {
        username: r.value.username,
        displayName: r.value.displayName,
      }))
        errors.push({ row: r.row, column: '初始密码', message: m });
    const names = duplicates(rows, (v) => v.username, '用户名');
    const phones = duplicates(rows, (v) => (v.phone ? deps.vault.lookupHash(v.phone) : undefined), '手机号码');
    errors.push(...names.errors, ...phones.errors);
    const takenNames = await existingUsernames(db, [...names.first.keys()]);
    for (const [name, row] of names.first)
      if (takenNames.has(name))
        errors.push({ row, column: '用户名', message: '该用户名已被使用', messageEn: 'Username already in use' });
    const takenPhones = await existingPhoneHashes(db, [...phones.first.keys()]);
    for (const [hash, row] of phones.first)
      if (takenPhones.has(hash))
        errors.push({
          row,
          column: '手机号码',
          message: '该手机号码已被使用',
          messageEn: 'Phone number already in use',
        });
    return errors;
  },
  async commit(deps, caller, rows, finish) {
    // argon2id before the transaction, so that it is not held open while hashing.
    const hashes: string[] = [];
    for (const r of rows) hashes.push(await hashPassword(r.value.password));
    return deps.db.transaction().execute(async (trx) => {
      await finish(trx);
      for (const [i, { value }] of rows.entries()) {
        await insertAccount(
          trx,
          deps,
          {
            username: value.username,
            password: value.password,
            displayName: value.displayName,
            divisionCode: value.divisionCode,
            orgId: null,
            phone: value.phone ?? null,
            idNumber: value.idNumber ?? null,
            roles: [],
            actor: caller.actor,
            // The importer chose these initial passwords: each holder must replace theirs at first sign-in.
            passwordSetBy: caller.principal.userId,
          },
          value.username,
          hashes[i]!,
        );
      }
      return rows.length;
    });
  },
};
