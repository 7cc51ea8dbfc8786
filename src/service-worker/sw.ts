/**
 * The service worker: precache the built app and answer every navigation with index.html, so the app
 * and its deep links (all in the URL fragment) open offline after the first visit. A new version waits
 * until the page asks it to take over, which only happens when the patient taps Update. Reminders (the
 * notification buttons and the background check for missed doses) live in reminders.ts.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import './reminders';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
