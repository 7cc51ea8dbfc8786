/** The version from package.json, put in by Vite at build time. */
declare const __APP_VERSION__: string;

interface ImportMetaEnv {
  /** A reminder relay on another origin, allowed by the build's policy (see src/lib/platform/relay-origin.ts). */
  readonly VITE_RELAY_ORIGIN?: string;
}
