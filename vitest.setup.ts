import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { beforeAll } from 'vitest';
import { SECTION_NAMES } from './src/lib/i18n/en';
import { i18n } from './src/lib/i18n/locale.svelte';

// Component tests render screens directly, without the router that loads each screen's messages.
beforeAll(async () => {
  await i18n.use('en');
  await i18n.need(...SECTION_NAMES);
});
