import type { User } from '../../../../contracts/users.ts';
import type { Vault } from '../../platform/crypto/secrets.ts';
import { maskIdNumber, maskPhone } from '../../../../contracts/identifiers.ts';
import type { UserRow } from './users.repository.ts';

/** Account as shown to staff: personal data always masked. */
export function presentUser(row: UserRow, roles: { role: string; divisionCode: string }[], vault: Vault): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    divisionCode: row.division_code,
    divisionName: row.division_name,
    orgId: row.org_id,
    status: row.status,
    phone: row.phone_enc ? maskPhone(vault.decrypt(row.phone_enc)) : null,
    idNumber: row.id_number_enc ? maskIdNumber(vault.decrypt(row.id_number_enc)) : null,
    roles: roles as User['roles'],
    requestedRole: row.requested_role,
    createdAt: row.created_at,
  };
}
