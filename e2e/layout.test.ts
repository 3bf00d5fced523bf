import { expect, Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ENTITY, refreshNow } from './fleet';
import { signInAsGuest } from './signIn';

// Each view at the widths a developer uses, looked at as in a real browser: no
// sideways page scroll, no table header broken over more than two lines, no
// word in a table broken in the middle, and no accessibility violation axe can
// find (colour contrast included, which jsdom cannot compute). A screenshot of
// each lands in e2e/screenshots/.

const WIDTHS = [768, 1280, 1440, 1920];

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

// The element of the page a view's region names, or null.
function findRegion(page: Page, region: View['region']) {
  return page.evaluateHandle(
    where =>
      ('card' in where
        ? [...document.querySelectorAll('.MuiCardHeader-title')]
            .find(title => title.textContent === where.card)
            ?.closest('.MuiCard-root')
        : document.querySelector(where.selector)) ?? null,
    region,
  );
}

// Words of table cells that a line break splits in the middle ("Manua|l",
// "ENOTFOUN|D"): a run of letters and digits whose text lies on two lines.
// Breaks at `/`, `:`, `-` or spaces are fine; a table too wide for its card
// scrolls instead.
function brokenWords(page: Page) {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll('td, th')) {
      if (cell.getBoundingClientRect().height === 0) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // Text of a collapsed section is laid out, but nobody sees it.
        if (
          !node.parentElement?.checkVisibility({ visibilityProperty: true })
        ) {
          continue;
        }
        for (const match of (node.textContent ?? '').matchAll(
          /[\p{L}\p{N}]{2,}/gu,
        )) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set(
            [...range.getClientRects()]
              .filter(rect => rect.width > 0)
              .map(rect => Math.round(rect.top)),
          );
          if (tops.size > 1) {
            broken.push(`${match[0]} in "${cell.textContent}"`);
          }
        }
      }
    }
    return broken;
  });
}

async function axeViolations(page: Page, region: View['region']) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: AXE });
  }
  const element = await findRegion(page, region);
  return page.evaluate(
    async ([context, where]) => {
      const axe = (window as unknown as { axe: any }).axe;
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
    },
    [element, region] as const,
  );
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/');
  await signInAsGuest(page);
  await refreshNow(page);
  await page.close();
});

// Resolves once the page has had no request in flight for half a second: the
// in-app navigations below load no document, so there is no load state to wait
// for.
function settled(page: Page): Promise<void> {
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  return new Promise(resolve => {
    const done = () => {
      page.off('request', start);
      page.off('requestfinished', end);
      page.off('requestfailed', end);
      resolve();
    };
    const arm = () => {
      clearTimeout(timer);
      if (inFlight === 0) timer = setTimeout(done, 500);
    };
    const start = () => {
      inFlight += 1;
      clearTimeout(timer);
    };
    const end = () => {
      inFlight = Math.max(0, inFlight - 1);
      arm();
    };
    page.on('request', start);
    page.on('requestfinished', end);
    page.on('requestfailed', end);
    arm();
  });
}

// Opens a path of the app the way its own links do: through the router's
// history, without loading the document again.
async function navigateInApp(page: Page, path: string): Promise<void> {
  const quiet = settled(page);
  await page.evaluate(to => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await quiet;
}

// The links of a view that stay in the app, as paths.
function appLinks(page: Page, region: View['region']) {
  return findRegion(page, region).then(element =>
    page.evaluate(
      root =>
        [
          ...new Set(
            // getAttribute: the graph's links are SVG ones, whose `href`
            // property is no string.
            [...(root?.querySelectorAll('a[href]') ?? [])]
              .map(link => new URL(link.getAttribute('href')!, location.href))
              .filter(url => url.origin === window.location.origin)
              .map(url => url.pathname + url.search),
          ),
        ] as string[],
      element,
    ),
  );
}

// One test per view: the page loads once, then is looked at at every width (a
// resize lays it out again, as when a developer resizes the window), then every
// link of it that stays in the app opens a page of the app, not its "not found"
// page. A page that several views link to is opened once (the tests run in
// order, in one worker).
const opened = new Set<string>();
for (const view of VIEWS) {
  test(`${view.name}: its layout at every width, and its links`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: WIDTHS[0], height: 1000 });
    await open(page, view);

    for (const width of WIDTHS) {
      await test.step(`at ${width} px`, async () => {
        await page.setViewportSize({ width, height: 1000 });
        // Two frames: the resize's layout, then what effects it set off.
        await page.evaluate(
          () =>
            new Promise(resolve =>
              requestAnimationFrame(() => requestAnimationFrame(resolve)),
            ),
        );
        const scroll = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.innerWidth);
        const tall = (await headerLines(page)).filter(cell => cell.lines > 2);
        expect(tall).toEqual([]);
        expect(await brokenWords(page)).toEqual([]);
        expect(await axeViolations(page, view.region)).toEqual([]);

        await page.screenshot({
          path: `e2e/screenshots/${view.name}-${width}.png`,
          fullPage: true,
        });
      });
    }

    await test.step('every link in the app resolves', async () => {
      const hrefs = await appLinks(page, view.region);
      expect(hrefs.length).toBeGreaterThan(0);
      const missing: string[] = [];
      for (const href of hrefs.filter(path => !opened.has(path))) {
        opened.add(href);
        await navigateInApp(page, href);
        if (await page.getByText(NOT_FOUND).count()) {
          missing.push(href);
        }
      }
      expect(missing).toEqual([]);
    });
  });
}
