/**
 * The way to a person's Liaison portal (the `liaison-portal` global page of manifest.yml), where a
 * client finds their asks, their change requests and the reports published to them: a RouterLink,
 * opened through Jira's router on click so it leaves the app's frame.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { router } from './forge';
import { RouterLink } from './RouterLink';

/** manifest.yml's jira:globalPage key. */
export const PORTAL_MODULE_KEY = 'liaison-portal';
const PORTAL = { target: 'module', moduleKey: PORTAL_MODULE_KEY } as const;

function openPortal(): void {
  router.navigate(PORTAL).catch(() => undefined);
}

export function PortalLink({ children = 'your Liaison portal' }: { children?: ReactNode }) {
  return (
    <RouterLink to={PORTAL} onOpen={openPortal} testId="portal-link">
      {children}
    </RouterLink>
  );
}

/** What a client sees on the team's project pages: where their own things are, and the way there. */
export function ClientLanding({ projectKey }: { projectKey: string }) {
  return (
    <section aria-labelledby="client-landing-heading" data-testid="client-landing" style={{ maxWidth: 640 }}>
      <h1 id="client-landing-heading" style={{ font: token('font.heading.large', '600 24px/28px sans-serif'), margin: `0 0 ${token('space.150', '12px')}` }}>
        Liaison for {projectKey}
      </h1>
      <p style={{ margin: `0 0 ${token('space.200', '16px')}` }}>
        These pages are the project team&apos;s. Your asks, your change requests, the project&apos;s status and the reports published to you are in your Liaison portal.
      </p>
      <Button appearance="primary" autoFocus onClick={openPortal}>
        Open your Liaison portal
      </Button>
    </section>
  );
}
