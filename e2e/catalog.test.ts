import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('the catalog lists the example components after guest sign-in', async ({
  page,
}) => {
  await page.goto('/');
  await signInAsGuest(page);

  for (const name of ['payments-api', 'web-frontend', 'billing-worker']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.screenshot({
    path: 'e2e/screenshots/catalog.png',
    fullPage: true,
  });
});
