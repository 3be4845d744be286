/** Being written in this change. */
export default function OrganisationsPage() {
  return null;
}
