/** The current route, following `hashchange`; screens read `router.route`. */
import { parseRoute, type Route } from './routes';

class Router {
  route = $state<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));
  /** How many in-app navigations deep we are, so "back" never leaves the app. */
  #depth = 0;

  start(): () => void {
    const onHashChange = () => {
      this.route = parseRoute(location.hash);
    };
    addEventListener('hashchange', onHashChange);
    onHashChange();
    return () => removeEventListener('hashchange', onHashChange);
  }

  navigate(hash: string): void {
    this.#depth += 1;
    location.hash = hash;
  }

  /** Go back to the previous in-app screen, or to `fallback` when the app was opened on this one. */
  back(fallback: string): void {
    if (this.#depth > 0) {
      this.#depth -= 1;
      history.back();
    } else {
      location.replace(fallback);
    }
  }
}

export const router = new Router();
