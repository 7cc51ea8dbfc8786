/** Today's date for the screens, kept fresh across midnight and when the app comes back to the front. */
import { currentLocalDate } from '../platform/clock';

class Clock {
  today = $state(currentLocalDate());

  start(): () => void {
    const refresh = () => {
      const date = currentLocalDate();
      if (date !== this.today) this.today = date;
    };
    const timer = setInterval(refresh, 60_000);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }
}

export const clock = new Clock();
