/**
 * The current route, following `hashchange`; screens read `router.route`. Each history entry is stamped
 * with how deep into the app it is, so "back" returns to the previous screen however it was reached (a
 * link, `navigate()`, the browser's own buttons) and never leaves the app.
 */
import { parseRoute, type Route } from './routes';

interface StampedState {
  hsDepth?: unknown;
}

function stampedDepth(): number | undefined {
  const depth = (history.state as StampedState | null)?.hsDepth;
  return typeof depth === 'number' ? depth : undefined;
}

class Router {
  route = $state<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));
  #depth = 0;
  /** Set while `back()` replaces the entry, so the replacement is not counted as a step deeper. */
  #isReplacing = false;

  start(): () => void {
    const initial = stampedDepth();
    this.#depth = initial ?? 0;
    let hasMoved = false;
    // The first entry is stamped in a task of its own: `replaceState` costs a few milliseconds of a slow
    // phone's CPU, and the first screen is being drawn in this one.
    const stampFirst = setTimeout(() => {
      if (!hasMoved && stampedDepth() === undefined)
        history.replaceState({ ...(history.state as object | null), hsDepth: 0 }, '');
    }, 0);
    const onHashChange = () => {
      hasMoved = true;
      const known = stampedDepth();
      if (known !== undefined) {
        this.#depth = known;
      } else {
        if (!this.#isReplacing) this.#depth += 1;
        this.#isReplacing = false;
        history.replaceState({ hsDepth: this.#depth }, '');
      }
      this.route = parseRoute(location.hash);
    };
    addEventListener('hashchange', onHashChange);
    this.route = parseRoute(location.hash);
    return () => {
      clearTimeout(stampFirst);
      removeEventListener('hashchange', onHashChange);
    };
  }

  navigate(hash: string): void {
    location.hash = hash;
  }

  /**
   * Put `hash` in the address bar and this history entry without changing the route: the viewer takes
   * a summary's payload out of both once it has read it, so health data does not stay in the tab.
   */
  replaceAddressQuietly(hash: string): void {
    history.replaceState(history.state, '', hash);
  }

  /** Go back to the previous in-app screen, or to `fallback` when the app was opened on this one. */
  back(fallback: string): void {
    if (this.#depth > 0) {
      history.back();
    } else {
      this.#isReplacing = location.hash !== fallback;
      location.replace(fallback);
    }
  }
}

export const router = new Router();
