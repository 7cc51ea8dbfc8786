/**
 * The web app manifest is linked by the app once its first screen is up, not by index.html (the build takes
 * the link out, see vite.config.ts). Linked in the HTML, Chromium fetched the manifest beside Today's script,
 * on a connection of its own, and then the manifest's icon for its installability check, while Today was
 * still to be drawn: two requests on a phone's network that nothing on the first screen needs. A manifest
 * linked later is read all the same: the browser offers to install the app once it is there.
 */

/** The manifest's file name, beside index.html (vite-plugin-pwa writes it). */
export const WEB_MANIFEST_FILE = 'manifest.webmanifest';

/** How index.html links the manifest: the link the build takes out, and the app puts back. */
export const WEB_MANIFEST_HREF = `./${WEB_MANIFEST_FILE}`;

export function linkWebManifest(): void {
  // The dev server serves no manifest (vite-plugin-pwa writes it at build), as it registers no worker.
  if (import.meta.env.DEV || document.head.querySelector('link[rel="manifest"]')) return;
  const link = document.createElement('link');
  link.rel = 'manifest';
  link.href = WEB_MANIFEST_HREF;
  document.head.append(link);
}
