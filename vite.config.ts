import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { VitePWA } from 'vite-plugin-pwa';
import { connectSources, relayOriginSetting } from './src/lib/platform/relay-origin';
import { cjkFont } from './src/build/cjk-font.mjs';
import { WEB_MANIFEST_FILE, WEB_MANIFEST_HREF } from './src/lib/platform/web-manifest';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** A reminder relay on another origin, named at build time (`VITE_RELAY_ORIGIN`); refused unless an origin. */
export const RELAY_ORIGIN = relayOriginSetting(process.env.VITE_RELAY_ORIGIN);

/**
 * No inline script, nothing from other origins (but the relay's, when the build names one). Only the
 * production build gets it: Vite's dev server injects styles inline for hot reload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  connectSources(RELAY_ORIGIN),
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * What a host should send with every response: the policy again as a header, where it can also forbid
 * framing by other sites (a `<meta>` policy cannot set `frame-ancestors`), and the usual hardening.
 * The build writes them for the common static hosts (see `hostConfigs`), and `tests/serve.mjs` serves
 * the build with the very file it writes, so the tests run as deployed.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Nothing here needs these; a page that never asks for them cannot be tricked into asking.
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=(), accelerometer=(), gyroscope=(), magnetometer=()',
};

/** Paths (from the app's folder) and how long they may be cached: `assets/` is content-hashed. */
export const CACHE_RULES: readonly { path: string; cacheControl: string }[] = [
  { path: '/assets/*', cacheControl: 'public, max-age=31536000, immutable' },
  { path: '/index.html', cacheControl: 'no-cache' },
  { path: '/sw.js', cacheControl: 'no-cache' },
  { path: '/', cacheControl: 'no-cache' },
];

/** `_headers` for Netlify and Cloudflare Pages (the app at the site's root). */
export function headersFile(): string {
  const block = (path: string, headers: Record<string, string>) =>
    [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  return [
    '# Written by the build (vite.config.ts): security headers for every response, then caching.',
    block('/*', SECURITY_HEADERS),
    ...CACHE_RULES.map((rule) => block(rule.path, { 'Cache-Control': rule.cacheControl })),
    '',
  ].join('\n');
}

/** An nginx snippet: `include` it in every `location` that serves the app (see the README). */
export function nginxSnippet(): string {
  return [
    '# Written by the build (vite.config.ts). nginx drops inherited add_header lines in a location that has',
    '# its own, so include this file in each location that serves HS Diary.',
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `add_header ${name} "${value}" always;`),
    '',
  ].join('\n');
}

/** Unit tests of code that touches no DOM, no database and no Svelte state: run in Node, not jsdom. */
const PURE_TESTS = [
  'src/lib/domain/**/*.test.ts',
  'src/lib/export/**/*.test.ts',
  'tests/factories/**/*.test.ts',
  'tests/run-steps.test.ts',
  'tests/color-scheme.test.ts',
];

/**
 * Pure tests that replace a module with `vi.mock`: they keep a fresh module registry of their own, since a
 * mock registered by one file would otherwise stay for the files after it in the same worker (see the
 * `domain` project). A new pure test file that calls `vi.mock` belongs here.
 */
const PURE_TESTS_WITH_MODULE_MOCKS = [
  'src/lib/domain/summary-model-cost.test.ts',
  'src/lib/domain/lazy-schemas.test.ts',
  'src/lib/export/calendar-export.test.ts',
];

/**
 * Unit tests that need IndexedDB (fake-indexeddb) or Svelte's runes but no DOM: in Node too, which starts
 * a file far faster than jsdom does.
 */
const NODE_TESTS = [
  'src/lib/db/**/*.test.ts',
  'src/service-worker/**/*.test.ts',
  'src/lib/platform/sw-messages.test.ts',
  'src/lib/state/routes.test.ts',
  'src/lib/state/range-choice.test.ts',
  'src/lib/state/storage-answer.test.ts',
  'src/lib/state/diary-at-start.test.ts',
  'src/lib/state/relay-actions.test.ts',
  'src/lib/ui/summary/reachability.test.ts',
  'src/lib/i18n/**/*.test.ts',
  'src/lib/platform/keyboard-inset.test.ts',
];

/**
 * Component tests that leave state behind for the next file in a shared worker (app state modules, the
 * database, settings) or read state another file left: they get a fresh worker each (`dom`); the rest share
 * one (`dom-shared`, `isolate` off), which saves most of jsdom's set-up and the i18n preload per file (the
 * 33 files took 118 CPU-seconds isolated, 29 shared; issue 14). Each file here failed in some order when
 * shared; a new component test goes here unless it passes shared in shuffled orders
 * (`npx vitest run --project dom-shared --sequence.shuffle --sequence.seed=N`).
 */
const DOM_TESTS_ISOLATED = [
  'src/lib/state/backup.test.ts',
  'src/lib/state/pwa.test.ts',
  'src/lib/state/startup-settings.test.ts',
  'src/lib/ui/medications/RegimenEventForm.test.ts',
  'src/lib/ui/medications/ReminderSchedule.test.ts',
  'src/lib/ui/settings/ClosedAppReminders.test.ts',
  'src/lib/ui/settings/ImportPreview.test.ts',
  'src/lib/ui/settings/PatientDetailsSection.test.ts',
  'src/lib/ui/settings/RemindersSection.test.ts',
  'src/lib/ui/settings/SettingsScreen.test.ts',
  'src/lib/ui/shared/StorageWarning.newer.test.ts',
  'src/lib/ui/shared/StorageWarning.upgrade.test.ts',
  // Replaces a module with vi.mock, which would stay replaced for the files after it in a shared worker.
  'src/lib/ui/summary/QrPanel.test.ts',
  'src/lib/ui/today/FirstRunImport.test.ts',
  'src/lib/ui/today/TodayDoses.test.ts',
  'src/lib/ui/visits/VisitsScreen.test.ts',
];

/** What every unit test gets, in every project. */
const TEST_BASICS = {
  env: { TZ: 'Europe/London' },
  expect: { requireAssertions: true },
  // Component tests load lazy chunks and fake IndexedDB; a busy two-core CI machine needs headroom.
  testTimeout: 20_000,
};

function hostConfigs(): Plugin {
  return {
    name: 'hs-diary:host-configs',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
      this.emitFile({ type: 'asset', fileName: 'nginx-security-headers.conf', source: nginxSnippet() });
    },
  };
}

/**
 * The chunks Today imports after its first screen is drawn, and the relay's update after a dose is logged,
 * by file name (see `modulePreload` below): nothing on screen waits for them. `import-wrapper` is Dexie's
 * entry module, imported on its own before the repositories (state/database.ts).
 */
const LOADED_AFTER_FIRST_SCREEN =
  /(?:^|\/)(?:storage-health\.svelte|backup-repository|backup-nudge|StorageWarning|FirstRunImport|reminder-loop\.svelte|TodayDoses|relay-actions|db|import-wrapper|cjk-font)-[\w-]+\.js$/;

/**
 * The favicon in the HTML itself, as a data: URL (the policy allows data: images): as a file, the browser
 * fetched it while Today was being drawn, one more connection competing with the first screen's on a
 * phone's network. public/favicon.svg stays the source, and a file for hosts that ask for /favicon.svg.
 */
function inlineFavicon(): Plugin {
  return {
    name: 'hs-diary:inline-favicon',
    apply: 'build',
    transformIndexHtml: (html) => {
      const svg = readFileSync(new URL('./public/favicon.svg', import.meta.url), 'utf8')
        .replace(/\s*\n\s*/g, ' ')
        .trim();
      return html.replace('href="./favicon.svg"', `href="data:image/svg+xml,${encodeURIComponent(svg)}"`);
    },
  };
}

/** V8's explicit compile hint: at the top of a script, every function in it is compiled eagerly. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * The heavy libraries a screen loads when asked (the PDF with its font engine, the chart, the QR code):
 * most of their functions never run, so compiling them all would be waste.
 */
export const COMPILED_WHEN_CALLED = /(?:^|\/)(?:pdf|fontkit|chart|qr)\.chunk-[\w-]+\.js$/;

/**
 * Our scripts ask V8 to compile all their functions as the script arrives (Chromium 136+; other engines
 * ignore the comment): a streamed script is compiled off the main thread, alongside its download. Without
 * it V8 compiles a function when first called, on the main thread: after Today's first paint that was about
 * 35 ms of a slow phone's main thread (a fifth of its work then), spread over the tasks that draw the rest of
 * the form and start the database. The hint must be a file's first line, and minification drops comments,
 * while Vite puts the entry's preload list above its code last of all: so it goes into the files once they
 * are written, before the service worker's precache list is made from them (closeBundle), and each source
 * map moves down the line it adds.
 */
function compileHints(): Plugin {
  return {
    name: 'hs-diary:compile-hints',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || COMPILED_WHEN_CALLED.test(chunk.fileName)) continue;
        const file = join(outDir, chunk.fileName);
        writeFileSync(file, `${COMPILE_HINT}\n${readFileSync(file, 'utf8')}`);
        const mapFile = `${file}.map`;
        if (!existsSync(mapFile)) continue;
        const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { mappings: string };
        map.mappings = `;${map.mappings}`;
        writeFileSync(mapFile, JSON.stringify(map));
      }
    },
  };
}

/**
 * vite-plugin-pwa links the manifest from index.html; the app links it once its first screen is up
 * (src/lib/platform/web-manifest.ts says why), so the build takes the link out. A link the build does not
 * find (the plugin changed how it writes it) fails the build rather than leave the page with two.
 */
function withoutManifestLink(html: string): string {
  const link = `<link rel="manifest" href="${WEB_MANIFEST_HREF}">`;
  if (!html.includes(link)) throw new Error(`index.html has no ${link} to take out`);
  return html.replace(link, '');
}

function manifestLinkedByTheApp(): Plugin {
  return {
    name: 'hs-diary:manifest-linked-by-the-app',
    apply: 'build',
    // After vite-plugin-pwa's transform, which writes the link: both are `post`, and this plugin comes later.
    enforce: 'post',
    transformIndexHtml: { order: 'post', handler: withoutManifestLink },
  };
}

function contentSecurityPolicy(): Plugin {
  return {
    name: 'hs-diary:content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

export default defineConfig({
  // Relative asset paths, so the same build works at / and under any sub-path such as /hs-diary/.
  base: './',
  define: {
    __APP_VERSION__: JSON.stringify(version),
    // The checked origin, so the app offers exactly the relay its policy allows.
    'import.meta.env.VITE_RELAY_ORIGIN': JSON.stringify(RELAY_ORIGIN ?? ''),
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    modulePreload: {
      // What Today loads once it is drawn (see platform/idle.ts) is not preloaded through <link> elements:
      // Vite's helper appended some 30 of them in one idle task, each a DOM insertion and a fetch started from
      // the main thread (12-18 ms of a slow phone's CPU). The browser's module loader fetches those chunks'
      // imports itself; nothing is waiting for them. The screens the patient opens keep their preloads.
      resolveDependencies: (filename, deps) => (LOADED_AFTER_FIRST_SCREEN.test(filename) ? [] : deps),
    },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Today's first screen is one script: every module the entry imports statically, however many lazy
          // chunks share it, goes into the entry's chunk. Left to automatic chunking, the modules shared with
          // later screens became some 25 small chunks, a waterfall of requests on a phone (six at a time on
          // HTTP/1.1) before Today could paint. Lazy screens import what they share from this chunk.
          groups: [{ name: 'index', tags: ['$initial'] }],
        },
      },
    },
  },
  plugins: [
    svelte(),
    svelteTesting(),
    contentSecurityPolicy(),
    inlineFavicon(),
    compileHints(),
    hostConfigs(),
    cjkFont(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/service-worker',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifestFilename: WEB_MANIFEST_FILE,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png', 'robots.txt'],
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Only Chinese PDFs need fontkit and the CJK font (a .ttf, which no pattern above matches): the page
        // caches both once the app is used in Chinese (src/lib/export/cjk-font.ts).
        globIgnores: ['**/node_modules/**/*', '**/fontkit.chunk-*.js'],
      },
      manifest: {
        id: './',
        name: 'HS Diary',
        short_name: 'HS Diary',
        description:
          'A private diary for hidradenitis suppurativa: daily pain, drainage and flares, kept on your device.',
        lang: 'en',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f6f7f4',
        theme_color: '#1f6f78',
        categories: ['health', 'medical'],
        icons: [
          { src: 'pwa-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
    manifestLinkedByTheApp(),
  ],
  test: {
    ...TEST_BASICS,
    // Every core unless told (UNIT_WORKERS, which npm test sets to 1 beside the browser tests): Vitest's
    // default leaves one free, one worker on a two-core machine, and at the end of npm test the unit tests ran
    // alone on one core of two for about a minute (108 s alone with one worker, 62 s with two; 115 and 108
    // busy core-seconds).
    maxWorkers: Number(process.env.UNIT_WORKERS) || availableParallelism(),
    projects: [
      // Pure code needs no DOM and no Svelte plugins: in Node, without jsdom and the component-test setup,
      // each file starts far faster.
      // Pure code shares nothing between files worth a fresh worker each: one worker runs them all (`isolate`
      // off), which halves the project's time. `vi.restoreAllMocks` still runs between files; module mocks
      // would not be undone, so the files that use them run isolated in `domain-mocks`.
      {
        test: {
          ...TEST_BASICS,
          name: 'domain',
          environment: 'node',
          include: PURE_TESTS,
          exclude: [...configDefaults.exclude, ...PURE_TESTS_WITH_MODULE_MOCKS],
          isolate: false,
        },
      },
      { test: { ...TEST_BASICS, name: 'domain-mocks', environment: 'node', include: PURE_TESTS_WITH_MODULE_MOCKS } },
      {
        plugins: [svelte()],
        test: {
          ...TEST_BASICS,
          name: 'node',
          environment: 'node',
          include: NODE_TESTS,
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: DOM_TESTS_ISOLATED,
          setupFiles: ['./vitest.setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom-shared',
          environment: 'jsdom',
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...PURE_TESTS, ...NODE_TESTS, ...DOM_TESTS_ISOLATED],
          setupFiles: ['./vitest.setup.ts'],
          isolate: false,
        },
      },
    ],
  },
});
