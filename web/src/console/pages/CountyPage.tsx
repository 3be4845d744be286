/** Being written in this change. */
export default function CountyPagePage() {
  return null;
}
