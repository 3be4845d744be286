/**
 * A few portal pages do not need react-router: the History API, one hook and a link that navigates in place.
 * The pages are listed in routes.tsx; the server answers each of its PORTAL_PATHS with index.html.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const EVENT = 'qx:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

const current = () => window.location.pathname + window.location.search;

/** The current path with its query string ("/register?role=farmer"); re-renders on navigation. */
export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, current, current);
  return new URL(href, window.location.origin);
}

/** Goes to a portal page without reloading. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo?.(0, 0);
  window.dispatchEvent(new Event(EVENT));
}

/** Leaves the portal for another application (the console): a full page load. */
export function leavePortal(href: string): void {
  window.location.assign(href);
}

/** An anchor that stays in the portal on a plain click and behaves as a link otherwise (new tab, copy link). */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
