import type { PlaywrightTestConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser downloads cannot run here (no
// network), and are never needed. IMAGE_FACTORY_CHROMIUM points elsewhere.
const chromiumLaunchOptions = {
  executablePath: process.env.IMAGE_FACTORY_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/**
 * What every browser test run shares: one worker in Debian's Chromium at
 * 1440×900, no retries (a flaky test is a defect), screenshots of failures.
 */
export const browserTestDefaults = {
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  projects: [{ name: 'chromium' }],
  use: {
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: chromiumLaunchOptions,
  },
} satisfies PlaywrightTestConfig;
