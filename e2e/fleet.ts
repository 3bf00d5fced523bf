import { expect, Page } from '@playwright/test';

/** The enrolled entity of e2e/fixtures/entities.yaml the stories look at. */
export const ENTITY = '/catalog/default/component/e2e-storefront';

/** Runs the pipeline from the fleet page and waits for the run's summary. */
export async function refreshNow(page: Page): Promise<void> {
  await page.goto('/image-factory');
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(page.getByText(/analysed|analyzed/i).first()).toBeVisible({
    timeout: 90_000,
  });
}
