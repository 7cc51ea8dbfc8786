/** The service worker's news for the screens: a waiting update, and the first offline-ready install. */
import { registerServiceWorker } from '../platform/sw-bridge';

class Pwa {
  isUpdateReady = $state(false);
  isOfflineReady = $state(false);
  #applyUpdate: (() => void) | undefined;

  start(): void {
    registerServiceWorker({
      onUpdateReady: (applyUpdate) => {
        this.#applyUpdate = applyUpdate;
        this.isUpdateReady = true;
      },
      onOfflineReady: () => (this.isOfflineReady = true),
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
