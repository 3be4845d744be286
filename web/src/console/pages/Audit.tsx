/** Being written in this change. */
export default function AuditPage() {
  return null;
}
