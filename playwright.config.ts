import { defineConfig } from '@playwright/test';
import { browserTestDefaults } from './e2e/chromium';

// The browser tests start the app (frontend :3000, backend :7007) on the embedded
// defaults plus e2e/app-config.e2e.yaml, with a real OCI registry and a local GitHub
// stand-in (e2e/services.ts), and drive Debian's Chromium: Playwright's own browser
// downloads cannot run here (no network), and are never needed.
export default defineConfig({
  ...browserTestDefaults,
  testDir: 'e2e',
  // The install test builds an app of its own: scripts/test.sh runs it apart.
  testIgnore: 'fresh-app/**',
  outputDir: 'e2e/results',
  webServer: [
    {
      command:
        'node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs e2e/services.ts',
      url: 'http://127.0.0.1:7077/health',
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command:
        'rm -rf e2e/.work && yarn workspace backend start --config ../../app-config.yaml --config ../../e2e/app-config.e2e.yaml',
      url: 'http://localhost:7007/api/image-factory/health',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'yarn workspace app start',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: { ...browserTestDefaults.use, baseURL: 'http://localhost:3000' },
});
