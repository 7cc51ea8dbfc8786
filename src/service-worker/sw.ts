/**
 * The service worker: precache the built app and answer every navigation with index.html, so the app
 * and its deep links (all in the URL fragment) open offline after the first visit. A new version waits
 * until the page asks it to take over, which only happens when the patient taps Update. Reminders (the
 * notification buttons and the background check for missed doses) live in reminders.ts.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { FONT_CACHE } from '../lib/export/font-cache';
import { isSwMessage, SW_MESSAGES } from '../lib/platform/sw-messages';
import './reminders';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// The Chinese PDF font and the fontkit chunk are not precached (English users never need them): the page
// caches them once the app is used in Chinese (lib/export/cjk-font.ts), and they are answered from there,
// so a Chinese PDF is made offline.
registerRoute(
  ({ url }) =>
    url.origin === self.location.origin && /\/(NotoSansSC[^/]*\.ttf|fontkit\.chunk-[^/]*\.js)$/.test(url.pathname),
  async ({ request }) => (await caches.match(request, { cacheName: FONT_CACHE })) ?? fetch(request),
);

self.addEventListener('message', (event) => {
  if (isSwMessage(event.data, SW_MESSAGES.skipWaiting)) void self.skipWaiting();
});
