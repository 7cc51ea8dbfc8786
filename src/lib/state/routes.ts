/** The app's routes live in the URL fragment, so any deep link loads the same index.html, offline too. */
import { isIsoDate, isIsoMonth, type IsoDate, type IsoMonth } from '../domain/dates';

export type Route =
  | { name: 'today' }
  | { name: 'diary'; month: IsoMonth | undefined }
  | { name: 'day'; date: string; isValidDate: boolean }
  | { name: 'medications' }
  | { name: 'trends' }
  | { name: 'settings' }
  | { name: 'not-found' };

/** Read a route from `location.hash`; unknown paths are a route of their own, never an exception. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').split('?')[0] ?? '';
  const [head = '', ...rest] = path.split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  if (head === '' || head === 'today') return rest.length === 0 ? { name: 'today' } : { name: 'not-found' };
  if (head === 'settings' && rest.length === 0) return { name: 'settings' };
  if (head === 'medications' && rest.length === 0) return { name: 'medications' };
  if (head === 'trends' && rest.length === 0) return { name: 'trends' };
  if (head === 'diary' && rest.length <= 1) {
    const month = rest[0];
    if (month === undefined || month === '') return { name: 'diary', month: undefined };
    return isIsoMonth(month) ? { name: 'diary', month } : { name: 'not-found' };
  }
  if (head === 'day' && rest.length === 1) {
    const date = (rest[0] ?? '').slice(0, 40);
    return { name: 'day', date, isValidDate: isIsoDate(date) };
  }
  return { name: 'not-found' };
}

export const paths = {
  today: () => '#/',
  diary: (month?: IsoMonth) => (month ? `#/diary/${month}` : '#/diary'),
  day: (date: IsoDate) => `#/day/${date}`,
  medications: () => '#/medications',
  trends: () => '#/trends',
  settings: () => '#/settings',
};
