import { expect, Page, test } from '@playwright/test';
import { createImagePusher } from '../plugins/image-factory-backend/src/__testUtils__';
import { ENTITY, refreshNow } from './fleet';
import { REGISTRY } from './ports';
import { signInAsGuest } from './signIn';

// One story, in order: the fleet page runs the pipeline, the entity card and the
// Image Status tab show what it found, a new upstream digest makes the image
// eligible, a rebuild goes to the local GitHub stand-in and shows in history,
// and an open page shows what a later run found without being reloaded.
test.describe.configure({ mode: 'serial' });

// The first visible element with exactly this text (copy buttons and the graph
// repeat references in hidden labels).
function shown(page: Page, text: string | RegExp) {
  return page
    .getByText(text, { exact: typeof text === 'string' })
    .filter({ visible: true })
    .first();
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await signInAsGuest(page);
});

test('the fleet page lists enrolled images after a refresh', async ({
  page,
}) => {
  await refreshNow(page);
  await expect(shown(page, 'e2e-storefront')).toBeVisible();
  await expect(shown(page, `${REGISTRY}/library/node:22`)).toBeVisible();
  await page.screenshot({
    path: 'e2e/screenshots/fleet-page.png',
    fullPage: true,
  });
});

test('the entity card shows base images and their freight', async ({
  page,
}) => {
  await page.goto(ENTITY);
  await expect(shown(page, `${REGISTRY}/library/node:22`)).toBeVisible();
  await expect(shown(page, `${REGISTRY}/library/nginx:1.27`)).toBeVisible();
  await expect(shown(page, /up to date/i)).toBeVisible();
  await page.screenshot({
    path: 'e2e/screenshots/entity-card.png',
    fullPage: true,
  });
});

test('the Image Status tab shows the base images table and analysis', async ({
  page,
}) => {
  await page.goto(ENTITY);
  await shown(page, 'Image Status').click();
  await expect(shown(page, 'Base images')).toBeVisible();
  await expect(page.getByText('Freight timeline')).toBeVisible();
  await expect(shown(page, `${REGISTRY}/library/node:22`)).toBeVisible();
  await page.screenshot({
    path: 'e2e/screenshots/image-status-tab.png',
    fullPage: true,
  });
});

test('a new upstream digest makes the image eligible, and a rebuild is recorded', async ({
  page,
}) => {
  await createImagePusher(`http://${REGISTRY}`).pushImage(
    'library/node',
    '22',
    {
      content: 'node 22, security fix',
    },
  );
  await refreshNow(page);

  await page.goto(ENTITY);
  await expect(shown(page, /eligible now/i)).toBeVisible();
  await page.getByRole('button', { name: 'Rebuild', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Rebuild', exact: true }).click();
  await expect(dialog).toBeHidden();

  await shown(page, 'Image Status').click();
  await expect(page.getByText('Rebuild history')).toBeVisible();
  await expect(
    page
      .locator(
        'a[href="http://127.0.0.1:7077/acme/payments/actions/runs/4242"]',
      )
      .first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e/screenshots/rebuild-history.png',
    fullPage: true,
  });
});

test('an open page shows what a run found without being reloaded', async ({
  page,
  context,
}) => {
  await page.goto('/image-factory');
  await page
    .getByRole('link', { name: /library\/nginx:1\.27/ })
    .first()
    .click();
  await expect(shown(page, 'Images built on it')).toBeVisible();
  await expect(shown(page, /updates when a pipeline run ends/)).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  const digest = await createImagePusher(`http://${REGISTRY}`).pushImage(
    'library/nginx',
    '1.27',
    { content: 'nginx 1.27, rebuilt upstream' },
  );
  // Someone else runs the pipeline; the backend signals the end of the run.
  const elsewhere = await context.newPage();
  await refreshNow(elsewhere);
  await elsewhere.close();

  await expect(shown(page, new RegExp(digest.slice(7, 19)))).toBeVisible({
    timeout: 30_000,
  });
  expect(
    await page.evaluate(
      () => (window as unknown as { notReloaded?: boolean }).notReloaded,
    ),
  ).toBe(true);
});
