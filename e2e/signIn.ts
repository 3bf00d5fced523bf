import { expect, Page } from '@playwright/test';

/** Signs in with the guest provider, as `make start` offers it. */
export async function signInAsGuest(page: Page) {
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(enter).toBeHidden();
}
