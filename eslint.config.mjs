// ESLint for the hand-written JavaScript: js/ (what pages, the service worker, the embed
// and `blogtool serve` run), the build's and the tests' scripts. `scripts/test.sh` runs it.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/**', 'target/**', 'dist/**', 'bench/node_modules/**', 'fuzz/**', 'tests/fixtures/**', 'playwright-report/**', 'test-results/**', 'bench/lazy/target/**'] },
  js.configs.recommended,
  {
    // Pages' scripts: the loader, the page script, live reload, the embed's loader.
    files: ['js/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'script', globals: { ...globals.browser } },
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }], 'no-empty': ['error', { allowEmptyCatch: true }] },
  },
  {
    // The loader is a module, with the app's file names put in by blogtool.
    files: ['js/loader.js'],
    languageOptions: { sourceType: 'module', globals: { __APP_JS__: 'readonly', __APP_WASM__: 'readonly' } },
  },
  {
    files: ['js/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker, __APP_FILES__: 'readonly' } },
  },
  {
    // The benchmark's pages and worker.
    files: ['bench/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser, ...globals.worker } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }], 'no-empty': ['error', { allowEmptyCatch: true }] },
  },
];
