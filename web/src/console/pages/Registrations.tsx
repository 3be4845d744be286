/** Being written in this change. */
export default function RegistrationsPage() {
  return null;
}
