import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { configure } from '@testing-library/svelte';
import { afterAll, beforeAll, vi } from 'vitest';
import { SECTION_NAMES } from './src/lib/i18n/en';
import { i18n } from './src/lib/i18n/locale.svelte';

// Screens load parts of themselves on demand (the backup status, a lazy section): on a two-core machine running
// two test files beside the browser tests, that can take longer than findBy's default second.
configure({ asyncUtilTimeout: 5000 });

// Component tests render screens directly, without the router that loads each screen's messages.
beforeAll(async () => {
  await i18n.use('en');
  await i18n.need(...SECTION_NAMES);
});

// Screens load parts of themselves after their first drawing (Today's doses and reminders, a task
// later): a file whose last test ends first must not tear the environment down under those imports.
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await vi.dynamicImportSettled();
});
