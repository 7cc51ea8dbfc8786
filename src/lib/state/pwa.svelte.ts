/** The service worker's news for the screens: a waiting update, and the first offline-ready install. */
import { i18n } from '../i18n/locale.svelte';
import { afterFirstScreen } from '../platform/idle';
import { registerServiceWorker } from '../platform/sw-bridge';
import { linkWebManifest } from '../platform/web-manifest';
import { notices } from './notices.svelte';

class Pwa {
  isUpdateReady = $state(false);
  #applyUpdate: (() => void) | undefined;

  /**
   * Link the manifest and register once the first screen is up and the browser is idle: Today never waits
   * for the worker, nor shares the network with the manifest's requests.
   */
  start(): void {
    void afterFirstScreen().then(() => {
      linkWebManifest();
      this.#register();
    });
  }

  #register(): void {
    registerServiceWorker({
      onUpdateReady: (applyUpdate) => {
        this.#applyUpdate = applyUpdate;
        this.isUpdateReady = true;
      },
      // A passing notice at the foot of the screen: news, not a question, and it must not push Today's
      // form down as the patient reaches for it (it did, as a card at the top: a layout shift of 0.1).
      onOfflineReady: () => notices.tell(() => i18n.t.pwa.offlineReady),
    }).catch(() => {
      // Without a service worker the app still works online; there is nothing to tell the patient.
    });
  }

  applyUpdate(): void {
    this.isUpdateReady = false;
    this.#applyUpdate?.();
  }

  postponeUpdate(): void {
    this.isUpdateReady = false;
  }
}

export const pwa = new Pwa();
