/**
 * Starts reminders once the first screen is up and the browser is idle, so that screen never waits for
 * them: the schedule, the doses and the notification loop (reminder-loop.svelte.ts) load then, in their
 * own chunk, with the messages they word notifications with. On Today "up" means the check-in card is on screen, so
 * there the doses card starts them when it mounts beside it (DosesDue.svelte); elsewhere the app does.
 * A patient with no medications downloads them too, but only after the screen is there.
 */
import { i18n } from '../i18n/locale.svelte';
import { afterFirstScreen } from '../platform/idle';
import { router } from './router.svelte';

class Reminders {
  /** True once reminders have begun loading; Today's doses card appears from then on. */
  isStarted = $state(false);
  #isStarting = false;

  /** `fromToday`: called by Today once its check-in card is drawn. */
  start(fromToday = false): void {
    if (this.#isStarting || (!fromToday && router.route.name === 'today')) return;
    this.#isStarting = true;
    void afterFirstScreen().then(() => {
      this.isStarted = true;
      // The loop words its notifications with the reminders and medications messages: load them with it.
      void Promise.all([import('./reminder-loop.svelte'), i18n.need('reminders', 'medications')]).then(
        ([{ reminderLoop }]) => reminderLoop.start(),
      );
    });
  }
}

export const reminders = new Reminders();
