/** The service worker's news for the screens: a waiting update, and the first offline-ready install. */
import { afterFirstScreen } from '../platform/idle';
import { registerServiceWorker } from '../platform/sw-bridge';

class Pwa {
  isUpdateReady = $state(false);
  isOfflineReady = $state(false);
  #applyUpdate: (() => void) | undefined;

  /** Register once the first screen is up and the browser is idle: Today never waits for the worker. */
  start(): void {
    void afterFirstScreen().then(() => this.#register());
  }

  #register(): void {
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
