/** Being written in this change. */
export default function DashboardPage() {
  return null;
}
