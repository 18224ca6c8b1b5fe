// d3-node ships no types and @types/d3 is not a dependency: this declares the small part of
// the d3 API the chart writers use, so they stay type-checked under `strict`.

declare module 'd3-node' {
  export type AttrValue = string | number | null;
  type ValueFn<D, R> = R | ((d: D, i: number) => R);

  export interface Selection<D = unknown> {
    append(name: string): Selection<D>;
    attr(name: string, value: ValueFn<D, AttrValue>): Selection<D>;
    text(value: ValueFn<D, AttrValue>): Selection<D>;
    select(selector: string): Selection<D>;
    selectAll<E = unknown>(selector: string): Selection<E>;
    data<E>(data: readonly E[]): JoinSelection<E>;
    call(fn: (sel: Selection<D>) => void): Selection<D>;
    remove(): Selection<D>;
    /** Moves the element to the end of its parent (painted on top of its siblings). */
    raise(): Selection<D>;
    node(): { outerHTML: string } | null;
  }

  export interface JoinSelection<D> extends Selection<D> {
    join(name: string): Selection<D>;
  }

  export interface Scale {
    (value: number): number;
    domain(): number[];
    domain(domain: readonly number[]): Scale;
    range(): number[];
    range(range: readonly number[]): Scale;
    nice(count?: number): Scale;
    ticks(count?: number): number[];
    tickFormat(count?: number, specifier?: string): (value: number) => string;
    copy(): Scale;
  }

  export interface Axis {
    (sel: Selection<unknown>): void;
    ticks(count: number, specifier?: string): Axis;
    tickFormat(format: (value: number) => string): Axis;
    tickValues(values: readonly number[] | null): Axis;
    tickSizeOuter(size: number): Axis;
    tickPadding(padding: number): Axis;
  }

  export interface Line<D> {
    (data: readonly D[]): string | null;
    x(fn: (d: D, i: number) => number): Line<D>;
    y(fn: (d: D, i: number) => number): Line<D>;
    defined(fn: (d: D, i: number) => boolean): Line<D>;
    curve(curve: Curve): Line<D>;
  }

  export interface Area<D> {
    (data: readonly D[]): string | null;
    x(fn: (d: D, i: number) => number): Area<D>;
    y0(value: number | ((d: D, i: number) => number)): Area<D>;
    y1(fn: (d: D, i: number) => number): Area<D>;
    defined(fn: (d: D, i: number) => boolean): Area<D>;
    curve(curve: Curve): Area<D>;
  }

  export type Curve = { readonly __curve: unique symbol };

  export interface D3 {
    scaleLinear(): Scale;
    scaleLog(): Scale;
    axisBottom(scale: Scale): Axis;
    axisLeft(scale: Scale): Axis;
    line<D>(): Line<D>;
    area<D>(): Area<D>;
    curveStepAfter: Curve;
    curveLinear: Curve;
    format(specifier: string): (value: number) => string;
  }

  export interface D3NodeOptions {
    selector?: string;
    container?: string;
    styles?: string;
  }

  export class D3Node {
    constructor(options?: D3NodeOptions);
    d3: D3;
    d3Element: Selection<unknown>;
    createSVG(width: number, height: number, attrs?: Record<string, AttrValue>): Selection<unknown>;
    svgString(): string;
  }
}
