import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';

// The install test starts what it needs itself (the new app's backend serves its
// frontend), so unlike the other browser tests it has no web servers here.
export default defineConfig({
  testDir: '.',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: '../results/fresh-app',
  use: {
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: 'chromium' }],
});
