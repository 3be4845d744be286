import type { Organisation } from '../../../../contracts/organisations.ts';
import type { OrganisationRow } from './organisations.repository.ts';

export function presentOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    uscc: row.uscc,
    divisionCode: row.division_code,
    divisionName: row.division_name,
    status: row.status,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
  };
}
