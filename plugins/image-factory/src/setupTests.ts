import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The CI machine is shared and slow; findBy* waits for rendering, not for a deadline.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

// jsdom lays nothing out, and SVG elements lack getBBox, which Backstage's
// DependencyGraph calls to size each node. This stand-in reports the largest
// <rect> inside the element, which is how the plugin's nodes are drawn.
if (typeof SVGElement !== 'undefined' && !('getBBox' in SVGElement.prototype)) {
  Object.defineProperty(SVGElement.prototype, 'getBBox', {
    configurable: true,
    value(this: SVGElement) {
      const rects = [
        ...(this.tagName === 'rect' ? [this] : []),
        ...this.querySelectorAll('rect'),
      ];
      const size = (name: string) =>
        Math.max(0, ...rects.map(r => Number(r.getAttribute(name)) || 0));
      return { x: 0, y: 0, width: size('width'), height: size('height') };
    },
  });
}
