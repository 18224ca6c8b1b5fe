// Growing a typed array: a new, longer array of the same type with the old contents at its front.
//
// The old array may be a ring: `count` values starting at `head` and wrapping past its end. They
// land in order at 0..count-1 of the new array (a plain array is the ring with head 0, full).
//
// One exported function per array type rather than one generic: each caller's `new` stays of one
// known type, so no cast through `old.constructor` is needed and V8 sees one shape per site. Only
// the copying is shared; it runs when storage doubles, never per element pushed.

type Typed = Float64Array | Int32Array | Uint8Array;

function unroll<T extends Typed>(next: T, old: Typed, head: number, count: number): T {
  const tail = Math.min(count, old.length - head);
  next.set(old.subarray(head, head + tail));
  if (count > tail) next.set(old.subarray(0, count - tail), tail);
  return next;
}

/** `old`'s values (or the ring of `count` values from `head`) at the front of a Float64Array of `length`. */
export function grownFloat64(old: Float64Array, length: number, head = 0, count = old.length): Float64Array<ArrayBuffer> {
  return unroll(new Float64Array(length), old, head, count);
}

/** As grownFloat64, for an Int32Array. */
export function grownInt32(old: Int32Array, length: number, head = 0, count = old.length): Int32Array<ArrayBuffer> {
  return unroll(new Int32Array(length), old, head, count);
}

/** As grownFloat64, for a Uint8Array. */
export function grownUint8(old: Uint8Array, length: number, head = 0, count = old.length): Uint8Array<ArrayBuffer> {
  return unroll(new Uint8Array(length), old, head, count);
}
