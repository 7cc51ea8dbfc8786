/** Start-up: loads the stored language (reading Today's rows on the way), then mounts the app over the placeholder in index.html. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { drawFirstScreenInSteps, yieldToBrowser } from './lib/platform/idle';
import { loadStartupSettings } from './lib/state/settings.svelte';

/**
 * Not top-level `await`: the lazy chunks import from this entry chunk, and a module still awaiting cannot
 * be imported until it is done. When the start needed the database (a private window, a database to
 * upgrade), `import('../db')` waited for this module, which waited for the database: nothing moved until
 * the storage wait gave up, four seconds later.
 */
async function start(): Promise<void> {
  await loadStartupSettings();
  // Reading the settings and Today's rows, then drawing Today: two tasks, not one long one.
  await yieldToBrowser();
  const target = document.getElementById('app');
  if (!target) throw new Error('index.html has no #app element');
  target.replaceChildren();
  drawFirstScreenInSteps();
  mount(App, { target });
}

void start();
