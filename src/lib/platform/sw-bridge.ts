/**
 * The page's side of the service worker. workbox-window is loaded after the first screen is up, so it
 * costs Today nothing. With `registerType: 'prompt'` a new worker waits until the patient taps Update.
 */

export interface ServiceWorkerEvents {
  onUpdateReady: (applyUpdate: () => void) => void;
  onOfflineReady: () => void;
}

export async function registerServiceWorker(events: ServiceWorkerEvents): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const { Workbox } = await import('workbox-window');
  // Relative to the page, so the app works from any sub-path (for example /hs-diary/).
  const workbox = new Workbox('./sw.js', { scope: './' });

  const announceWaiting = () =>
    events.onUpdateReady(() => {
      workbox.addEventListener('controlling', () => location.reload());
      workbox.messageSkipWaiting();
    });

  workbox.addEventListener('waiting', announceWaiting);
  workbox.addEventListener('installed', (event) => {
    if (!event.isUpdate) events.onOfflineReady();
  });
  await workbox.register();
}
