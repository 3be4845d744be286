import { useSession } from './session.tsx';

/** `t('中文', 'English')`: the console's texts are written in place, Chinese first. */
export function useT(): (zh: string, en: string) => string {
  const { locale } = useSession();
  return (zh, en) => (locale === 'en-US' ? en : zh);
}
