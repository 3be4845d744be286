/** Being written in this change. */
export default function UsersPage() {
  return null;
}
