// The console's custom React components (moderation forms and fields, the dashboard). They are
// registered on the AdminJS ComponentLoader that admin/index.ts creates; resources only use
// them once registered, so the console still works (with AdminJS defaults) without them.
import { fileURLToPath } from 'node:url';
import type { ComponentLoader } from 'adminjs';

export const CONSOLE_COMPONENTS = {
  ReasonForm: 'PlayforgeReasonForm',
  Thumbnail: 'PlayforgeThumbnail',
  PreviewLink: 'PlayforgePreviewLink',
  ExternalLink: 'PlayforgeExternalLink',
  Dashboard: 'PlayforgeDashboard',
} as const;

const FILES: Record<keyof typeof CONSOLE_COMPONENTS, string> = {
  ReasonForm: './ReasonForm.jsx',
  Thumbnail: './Thumbnail.jsx',
  PreviewLink: './PreviewLink.jsx',
  ExternalLink: './ExternalLink.jsx',
  Dashboard: '../dashboard/Dashboard.jsx',
};

let registered = false;

/** Adds every console component to `loader` (idempotent per loader) and returns it. */
export function registerConsoleComponents(loader: ComponentLoader): ComponentLoader {
  const known = new Set(Object.keys(loader.getComponents()));
  for (const [key, name] of Object.entries(CONSOLE_COMPONENTS) as [keyof typeof CONSOLE_COMPONENTS, string][]) {
    const file = fileURLToPath(new URL(FILES[key], import.meta.url));
    if (known.has(name)) loader.override(name, file);
    else loader.add(name, file);
  }
  registered = true;
  return loader;
}

/** True once a loader holds the components: resources then name them in their options. */
export function consoleComponentsRegistered(): boolean {
  return registered;
}
