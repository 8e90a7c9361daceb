/**
 * A link to a place in Jira that Forge's router names (a module, a project page's route): a real
 * link whose address is Jira's own for it (`router.getUrl`), so it has a link's role and opens in a
 * new tab or window with a modifier or another button; a plain click does `onOpen` instead (Jira's
 * router, or the page's own history), which keeps the app's frame where it belongs.
 */
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type ReactNode } from 'react';
import { router } from './forge';

export type RouterLocation = Parameters<typeof router.getUrl>[0];

export function RouterLink({ to, onOpen, testId, children }: { to: RouterLocation; onOpen: () => void; testId?: string; children: ReactNode }) {
  const [href, setHref] = useState<string | undefined>(undefined);
  // The location is a new object on every render: its content says when the address must be asked again.
  const location = JSON.stringify(to);
  useEffect(() => {
    let current = true;
    router.getUrl(JSON.parse(location) as RouterLocation).then(
      (url) => current && setHref(url ? url.toString() : undefined),
      () => current && setHref(undefined),
    );
    return () => {
      current = false;
    };
  }, [location]);
  return (
    <a
      href={href ?? '#'}
      target="_top"
      data-testid={testId}
      style={{ color: token('color.link', '#0C66E4'), fontWeight: 500 }}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        onOpen();
      }}
    >
      {children}
    </a>
  );
}
