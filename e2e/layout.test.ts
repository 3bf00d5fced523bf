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
  path: string;
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
];

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
      await page.goto('/');
      await signInAsGuest(page);
      await page.goto(view.path);
      await expect(view.ready(page)).toBeVisible();

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
