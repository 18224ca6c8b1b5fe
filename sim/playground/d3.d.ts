// The part of d3 the playground's chart host uses, typed as the charts already know it (d3-node.d.ts).
declare module 'd3' {
  import type { D3, Selection } from 'd3-node';

  export const area: D3['area'];
  export const axisBottom: D3['axisBottom'];
  export const axisLeft: D3['axisLeft'];
  export const curveLinear: D3['curveLinear'];
  export const curveStepAfter: D3['curveStepAfter'];
  export const format: D3['format'];
  export const line: D3['line'];
  export const scaleLinear: D3['scaleLinear'];
  export const scaleLog: D3['scaleLog'];
  export function select(node: Element): Selection;
}
