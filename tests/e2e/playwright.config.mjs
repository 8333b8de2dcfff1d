// End-to-end tests in Debian's Chromium against release builds served over HTTP: dist/ at
// the root, and target/dist-blog built for the /blog/ sub-path.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
// The same site built for a sub-path (target/dist-blog), on a plain static server.
export const staticPort = Number(process.env.E2E_STATIC_PORT ?? 4174);
// Another origin, with pages that embed the author card (tests/e2e/fixtures/host).
export const hostPort = Number(process.env.E2E_HOST_PORT ?? 4175);
// Posts written for other engines (tests/fixtures/migration), built for /blog/.
export const migrationPort = Number(process.env.E2E_MIGRATION_PORT ?? 4177);

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // The HTML report keeps the screenshots look.spec.mjs attaches.
  reporter: [['list'], ['html', { open: 'never', outputFolder: '../../playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Release pages register a service worker, whose own fetches Playwright's request routing
    // cannot see: the fault tests need to. offline.spec.mjs allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      // The release build at the root, with an SPA fallback (Netlify-style).
      command: `node tests/e2e/server.mjs dist ${port}`,
      cwd: '../..',
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
    },
    {
      // The release build for /blog/, with no fallback: unknown paths get 404.html.
      command: `node tests/e2e/server.mjs target/dist-blog ${staticPort} --prefix /blog/ --no-fallback`,
      cwd: '../..',
      url: `http://127.0.0.1:${staticPort}/blog/`,
      reuseExistingServer: false,
    },
    {
      command: `node tests/e2e/server.mjs tests/e2e/fixtures/host ${hostPort} --no-fallback`,
      cwd: '../..',
      url: `http://127.0.0.1:${hostPort}/plain.html`,
      reuseExistingServer: false,
    },
    {
      command: `node tests/e2e/server.mjs target/dist-migration ${migrationPort} --prefix /blog/ --no-fallback`,
      cwd: '../..',
      url: `http://127.0.0.1:${migrationPort}/blog/`,
      reuseExistingServer: false,
    },
  ],
});
