// csv-stringify makes a byte-order mark with Buffer.from when it loads and asks Buffer.isBuffer of
// its options, both Node globals a page lacks: scripts/bundle.js injects this stand-in into the
// playground's bundle. Nothing the playground hands csv-stringify is a Buffer, nor asks for a BOM.
export const Buffer = {
  from: (bytes: readonly number[]): Uint8Array => Uint8Array.from(bytes),
  isBuffer: (): boolean => false,
};
