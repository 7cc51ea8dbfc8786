/** Start-up: loads the stored language (reading Today's rows on the way), then mounts the app over the placeholder in index.html. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { drawFirstScreenInSteps, yieldToBrowser } from './lib/platform/idle';
import { loadStartupSettings } from './lib/state/settings.svelte';

await loadStartupSettings();
// Reading the settings and Today's rows, then drawing Today: two tasks, not one long one.
await yieldToBrowser();
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
target.replaceChildren();
drawFirstScreenInSteps();
mount(App, { target });
