// What the charts import as 'd3-node' when they are drawn in the playground (scripts/bundle.js
// aliases it): the same small interface over d3 itself and the page's own DOM instead of jsdom,
// so the very same chart code draws in Node and in the browser.
import { area, axisBottom, axisLeft, curveLinear, curveStepAfter, format, line, scaleLinear, scaleLog, select } from 'd3';
import type { AttrValue, D3, Selection } from 'd3-node';

const SVG_NS = 'http://www.w3.org/2000/svg';

export class D3Node {
  readonly d3: D3 = { area, axisBottom, axisLeft, curveLinear, curveStepAfter, format, line, scaleLinear, scaleLog };
  /** A detached element: charts are drawn off screen and handed out as markup, as in Node. */
  readonly d3Element: Selection = select(document.createElement('div'));

  createSVG(width: number, height: number, attrs: Record<string, AttrValue> = {}): Selection {
    const svg = this.d3Element.append('svg').attr('xmlns', SVG_NS).attr('width', width).attr('height', height);
    for (const [key, value] of Object.entries(attrs)) svg.attr(key, value);
    return svg;
  }

  svgString(): string {
    const svg = this.d3Element.select('svg').node() as Element | null;
    return svg === null ? '' : svg.outerHTML;
  }
}
