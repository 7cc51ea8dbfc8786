/** The app's routes live in the URL fragment, so any deep link loads the same index.html, offline too. */
import { isIsoDate, isIsoMonth, type IsoDate, type IsoMonth } from '../domain/dates';

export type Route =
  | { name: 'today' }
  | { name: 'diary'; month: IsoMonth | undefined }
  | { name: 'day'; date: string; isValidDate: boolean }
  | { name: 'medications' }
  | { name: 'trends' }
  | { name: 'summary' }
  | { name: 'visits' }
  /** A shared summary: the payload is opaque here, capped in length; the viewer decodes and checks it. */
  | { name: 'viewer'; payload: string }
  | { name: 'settings' }
  | { name: 'not-found' };

/**
 * Longest viewer payload kept from the URL: longer than any summary the decoder accepts (8 KB), so an
 * oversized one still reaches it and is answered as too large, but a huge fragment is never copied around.
 */
export const MAX_VIEWER_PAYLOAD_CHARS = 10_000;

/** True for `#/v/…`: the read-only viewer, which must not open the patient's database. */
export function isViewerHash(hash: string): boolean {
  return /^#?\/+v\//.test(hash);
}

/** Read a route from `location.hash`; unknown paths are a route of their own, never an exception. */
export function parseRoute(hash: string): Route {
  if (isViewerHash(hash))
    return { name: 'viewer', payload: hash.replace(/^#?\/+v\//, '').slice(0, MAX_VIEWER_PAYLOAD_CHARS) };
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
  if (head === 'summary' && rest.length === 0) return { name: 'summary' };
  if (head === 'visits' && rest.length === 0) return { name: 'visits' };
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
  summary: () => '#/summary',
  visits: () => '#/visits',
  viewer: (payload: string) => `#/v/${payload}`,
  settings: () => '#/settings',
};
