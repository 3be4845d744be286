/** Being written in this change. */
export default function UserDetailPage() {
  return null;
}
