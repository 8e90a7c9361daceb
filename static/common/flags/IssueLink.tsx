/**
 * A link to a Jira issue from inside a Custom UI iframe: a real link (its address is the site's
 * issue URL, so it can be copied or opened in a new tab), followed through Forge's router on a
 * plain click because the iframe cannot navigate Jira itself.
 */
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type ReactNode } from 'react';
import { getContext, router } from '../forge';

/** The Jira site's address that issue links start with, from Forge's context; '' until it answers. */
export function useSiteUrl(): string {
  const [siteUrl, setSiteUrl] = useState('');
  useEffect(() => {
    getContext()
      .then((context) => setSiteUrl(String(context.siteUrl ?? '')))
      .catch(() => undefined);
  }, []);
  return siteUrl;
}

export function IssueLink({ issueKey, siteUrl, children }: { issueKey: string; siteUrl: string; children?: ReactNode }) {
  return (
    <a
      href={`${siteUrl.replace(/\/$/, '')}/browse/${encodeURIComponent(issueKey)}`}
      target="_top"
      style={{ color: token('color.link', '#0C66E4'), fontWeight: 500 }}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        void router.navigate({ target: 'issue', issueKey }).catch(() => undefined);
      }}
    >
      {children ?? issueKey}
    </a>
  );
}
