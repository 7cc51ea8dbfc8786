/** The device clock, read in one place so everything below the screens can take time as a parameter. */
import { localDateOf, type IsoDate } from '../domain/dates';

export function currentLocalDate(): IsoDate {
  return localDateOf(new Date());
}

export function nowMs(): number {
  return Date.now();
}
