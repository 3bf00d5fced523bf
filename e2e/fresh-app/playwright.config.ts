import { defineConfig } from '@playwright/test';
import { browserTestDefaults } from '../chromium';

// The install test starts what it needs itself (the new app's backend serves its
// frontend), so unlike the other browser tests it has no web servers here.
export default defineConfig({
  ...browserTestDefaults,
  testDir: '.',
  outputDir: '../results/fresh-app',
});
