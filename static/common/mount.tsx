/** Starts a Custom UI app: Atlassian's CSS reset, Jira's theme (light/dark), the user's date style, React into #root. */
import '@atlaskit/css-reset';
import { loadDateStyle } from './dates';
import { theme } from './forge';
import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';

export function mountApp(app: ReactElement): void {
  // Theming only changes colours; the app stays usable with the token fallbacks if the host declines.
  theme.enable().catch((error: unknown) => console.warn('Liaison: theming unavailable', error));
  const element = document.getElementById('root');
  if (!element) throw new Error('index.html needs an element with id="root"');
  const root = createRoot(element);
  // Dates need the user's locale and time zone first (a screen never shows two styles); the wait is bounded.
  void loadDateStyle().finally(() => root.render(<StrictMode>{app}</StrictMode>));
}
