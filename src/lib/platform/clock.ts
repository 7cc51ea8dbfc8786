/**
 * The device clock and time zone, read in one place (by the page and the service worker) so everything
 * below the screens can take time as a parameter.
 */
import { localDateOf, type IsoDate } from '../domain/dates';

export function currentLocalDate(): IsoDate {
  return localDateOf(new Date());
}

export function nowMs(): number {
  return Date.now();
}

/** The device's time zone: dose times are wall-clock times there. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
