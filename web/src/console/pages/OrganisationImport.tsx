/** Being written in this change. */
export default function OrganisationImportPage() {
  return null;
}
