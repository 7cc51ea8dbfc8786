/**
 * The bench's floor: the app's stack (Svelte 5 runes and Dexie) with nothing else, a form that saves a
 * row and lists the rows. Lighthouse runs it beside the app, so the app's figures read against the least
 * this stack can do on the same machine at the same moment.
 */
import { mount } from 'svelte';
import Floor from './Floor.svelte';

mount(Floor, { target: document.getElementById('app') ?? document.body });
