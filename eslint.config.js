// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const DEXIE_OUTSIDE_DB = {
  name: 'dexie',
  message: 'Only src/lib/db may import dexie; add a repository function there.',
};

/**
 * Import patterns for folders of src/lib, from any depth (`../db`, `../../db/errors`). A later block's
 * `no-restricted-imports` replaces an earlier one's, so each fence below repeats the dexie rule.
 * @param {...string} names
 */
function layers(...names) {
  return names.flatMap((name) => [`**/${name}`, `**/${name}/**`]);
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'tests/e2e/.artifacts/', '.bench/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, __APP_VERSION__: 'readonly' },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'svelte.config.js'] },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
  },
  {
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'svelte/no-at-html-tags': 'error',
      // Hash links ("#/diary") are the router; SvelteKit's resolve() does not apply here.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // Dexie stays inside the persistence layer, so storage has one door.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/db/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [DEXIE_OUTSIDE_DB] }] },
  },
  {
    // The domain is pure: no Svelte, no database, no browser edges, nothing that uses it.
    files: ['src/lib/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'dexie', message: 'The domain layer is pure.' },
            { name: 'svelte', message: 'The domain layer is pure.' },
          ],
          patterns: [
            {
              group: layers('db', 'export', 'state', 'ui', 'platform', 'i18n'),
              message: 'The domain imports only the domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // Exports are built from the domain and the database; the screens and their state use them, not the other way.
    files: ['src/lib/export/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [DEXIE_OUTSIDE_DB],
          patterns: [
            {
              group: [...layers('state'), '**/ui/**'],
              message: 'export/ does not import ui/ or state/; move what both need into the domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // Screens reach the database through state/ (src/lib/state/failures.ts hands on its errors). Their tests
    // may still seed a database directly.
    files: ['src/lib/ui/**/*.ts', 'src/lib/ui/**/*.svelte'],
    ignores: ['src/lib/ui/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [DEXIE_OUTSIDE_DB],
          patterns: [{ group: layers('db'), message: 'ui/ does not import db/; go through src/lib/state.' }],
        },
      ],
    },
  },
  {
    // One job per module: a source file over 400 lines is doing several (issue 10).
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    files: ['**/*.mjs', 'tests/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
