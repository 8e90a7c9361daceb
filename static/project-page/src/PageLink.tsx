/**
 * A link to another route of this project page ("/asks", "/changes", …): a real link whose address
 * is Jira's own for that route (Forge's router.getUrl), so it has a link's role and opens in a new
 * tab; a plain click moves the page's history instead, as the app's other routes do, without
 * reloading the frame.
 */
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type ReactNode } from 'react';
import { router } from '../../common/forge';

/** manifest.yml's jira:projectPage key. */
export const PROJECT_PAGE_MODULE_KEY = 'liaison-project';

export function PageLink({ projectKey, route, onOpen, children }: { projectKey: string; route: string; onOpen: (route: string) => void; children: ReactNode }) {
  const [href, setHref] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    router.getUrl({ target: 'module', moduleKey: PROJECT_PAGE_MODULE_KEY, projectKey, path: route }).then(
      (url) => current && setHref(url ? url.toString() : undefined),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [projectKey, route]);
  return (
    <a
      href={href ?? '#'}
      target="_top"
      style={{ color: token('color.link', '#0C66E4'), fontWeight: 500 }}
      onClick={(event) => {
        // With a modifier or another button the browser opens the address (a new tab, a window).
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        onOpen(route);
      }}
    >
      {children}
    </a>
  );
}
