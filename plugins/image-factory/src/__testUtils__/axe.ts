import axe from 'axe-core';

/**
 * Runs axe on a rendered element and returns the serious and critical
 * violations as readable strings. Colour contrast is left out: jsdom does not
 * lay out or paint, so axe cannot measure it.
 */
export async function seriousA11yViolations(
  element: Element,
): Promise<string[]> {
  const results = await axe.run(element, {
    rules: { 'color-contrast': { enabled: false } },
  });
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.html).join(', ')})`);
}
