/** Being written in this change. */
export default function OrganisationDetailPage() {
  return null;
}
