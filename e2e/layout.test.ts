import { expect, Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ENTITY, refreshNow } from './fleet';
import { signInAsGuest } from './signIn';

// Each view at the widths a developer uses, looked at as in a real browser: no
// sideways page scroll, no table header broken over more than two lines, and
// no accessibility violation axe can find (colour contrast included, which
// jsdom cannot compute). A screenshot of each lands in e2e/screenshots/.

const WIDTHS = [1280, 1440, 1920];

interface View {
  name: string;
  /** Where the view is, or how to find it from the pages a developer starts on. */
  path: string | ((page: Page) => Promise<string>);
  /** Visible once the view has its data. */
  ready: (page: Page) => ReturnType<Page['getByText']>;
  /**
   * What axe checks: the card with this title, or the element of this selector
   * (the part of the page the plugin draws).
   */
  region: { card: string } | { selector: string };
}

const VIEWS: View[] = [
  {
    name: 'entity-card',
    path: ENTITY,
    ready: page => page.getByText('Base images', { exact: true }).first(),
    region: { card: 'Image Factory' },
  },
  {
    name: 'image-status-tab',
    path: `${ENTITY}/image-status`,
    ready: page => page.getByText('Freight timeline').first(),
    region: { selector: 'main' },
  },
  {
    name: 'fleet-page',
    path: '/image-factory',
    ready: page => page.getByText('e2e-storefront').first(),
    region: { selector: 'article' },
  },
  {
    name: 'base-image-page',
    // Reached as a developer would: from the base image's link on the fleet
    // page (the name in its path is the state repository's).
    path: async page => {
      await page.goto('/image-factory');
      await page
        .getByRole('link', { name: /library\/nginx:1\.27/ })
        .first()
        .click();
      await page.waitForURL(/\/image-factory\/base-images\//);
      return new URL(page.url()).pathname;
    },
    ready: page => page.getByText('Images built on it').first(),
    region: { selector: 'article' },
  },
];

async function open(page: Page, view: View): Promise<void> {
  await page.goto('/');
  await signInAsGuest(page);
  await page.goto(
    typeof view.path === 'string' ? view.path : await view.path(page),
  );
  await expect(view.ready(page)).toBeVisible();
}

// What the app shows instead of a page: its own 404, the catalog's missing
// entity, the plugin's unknown base image.
const NOT_FOUND = /PAGE NOT FOUND|Entity (was )?not found|No such base image/i;

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// How many lines of text each visible table header cell takes, by the distinct
// tops of its text's line boxes.
function headerLines(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('th')]
      .filter(cell => cell.getBoundingClientRect().height > 0)
      .map(cell => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const tops = new Set(
          [...range.getClientRects()]
            .filter(rect => rect.width > 0)
            .map(rect => Math.round(rect.top)),
        );
        return { text: cell.textContent ?? '', lines: tops.size };
      }),
  );
}

async function axeViolations(page: Page, region: View['region']) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async where => {
    const axe = (window as unknown as { axe: any }).axe;
    const context =
      'card' in where
        ? [...document.querySelectorAll('.MuiCardHeader-title')]
            .find(title => title.textContent === where.card)
            ?.closest('.MuiCard-root')
        : document.querySelector(where.selector);
    if (!context) {
      return [`no ${JSON.stringify(where)} on the page`];
    }
    const result = await axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
    return result.violations.map(
      (violation: { id: string; nodes: { target: string[] }[] }) =>
        `${violation.id}: ${violation.nodes
          .map(node => node.target.join(' '))
          .join(', ')}`,
    );
  }, region);
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/');
  await signInAsGuest(page);
  await refreshNow(page);
  await page.close();
});

for (const view of VIEWS) {
  for (const width of WIDTHS) {
    test(`${view.name} at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 1000 });
      await open(page, view);

      const scroll = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.innerWidth);
      const tall = (await headerLines(page)).filter(cell => cell.lines > 2);
      expect(tall).toEqual([]);
      expect(await axeViolations(page, view.region)).toEqual([]);

      await page.screenshot({
        path: `e2e/screenshots/${view.name}-${width}.png`,
        fullPage: true,
      });
    });
  }
}

// Every link of a view that stays in the app opens a page of the app, not its
// "not found" page. Links do not change with the width, so once per view.
for (const view of VIEWS) {
  test(`${view.name}: every link in the app resolves`, async ({ page }) => {
    await open(page, view);
    const hrefs = await page.evaluate(
      () =>
        [
          ...new Set(
            [...document.querySelectorAll('main a[href]')]
              .map(link => new URL((link as HTMLAnchorElement).href))
              .filter(url => url.origin === window.location.origin)
              .map(url => url.pathname + url.search),
          ),
        ] as string[],
    );
    expect(hrefs.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const href of hrefs) {
      await page.goto(href);
      await page.waitForLoadState('networkidle');
      if (await page.getByText(NOT_FOUND).count()) {
        missing.push(href);
      }
    }
    expect(missing).toEqual([]);
  });
}
