/**
 * A read-only map from feature string to row number, laid out in three typed
 * arrays over shared memory: the keys' UTF-16 code units end to end, where
 * each key starts, and an open-addressing hash table of key numbers. A Map of
 * strings lives in one thread's heap, so every worker thread held its own
 * copy of each model's features (about 30 MB a thread); this layout is handed
 * to the workers as it is and read by all of them.
 */
export interface FeatureIndexData {
  /** Every key's code units, key after key. */
  readonly units: Uint16Array;
  /** Key k is units[starts[k] .. starts[k + 1]). */
  readonly starts: Uint32Array;
  /** Key number of each slot, -1 where empty; a power of two long. */
  readonly slots: Int32Array;
}

/** At most this share of the slots is used, so that a probe for a missing key ends soon. */
const LOAD_FACTOR = 0.6;

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function sharedArray<T>(make: new (buffer: SharedArrayBuffer) => T, bytesPerElement: number, length: number): T {
  return new make(new SharedArrayBuffer(Math.max(1, length) * bytesPerElement));
}

export class FeatureIndex {
  private readonly mask: number;

  constructor(readonly data: FeatureIndexData) {
    this.mask = data.slots.length - 1;
  }

  /** Key i of `keys` gets row i; keys must be distinct. */
  static build(keys: readonly string[]): FeatureIndex {
    let totalUnits = 0;
    for (const key of keys) totalUnits += key.length;
    const units = sharedArray(Uint16Array, 2, totalUnits);
    const starts = sharedArray(Uint32Array, 4, keys.length + 1);
    let slotCount = 1;
    while (slotCount * LOAD_FACTOR < keys.length) slotCount *= 2;
    const slots = sharedArray(Int32Array, 4, slotCount).fill(-1);
    const index = new FeatureIndex({ units, starts, slots });
    let at = 0;
    for (const [k, key] of keys.entries()) {
      starts[k] = at;
      for (let i = 0; i < key.length; i++) units[at + i] = key.charCodeAt(i);
      at += key.length;
      starts[k + 1] = at;
      index.insert(key, k);
    }
    return index;
  }

  get size(): number {
    return this.data.starts.length - 1;
  }

  /** The row of `key`, or undefined when the model has no such feature. */
  get(key: string): number | undefined {
    const { slots } = this.data;
    for (let slot = hashOf(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = slots[slot]!;
      if (k === -1) return undefined;
      if (this.keyEquals(k, key)) return k;
    }
  }

  /** Key k as a string. */
  keyAt(k: number): string {
    const { units, starts } = this.data;
    let key = '';
    for (let i = starts[k]!; i < starts[k + 1]!; i++) key += String.fromCharCode(units[i]!);
    return key;
  }

  /** Every key, in row order. */
  *keys(): IterableIterator<string> {
    for (let k = 0; k < this.size; k++) yield this.keyAt(k);
  }

  private keyEquals(k: number, key: string): boolean {
    const { units, starts } = this.data;
    const start = starts[k]!;
    if (starts[k + 1]! - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (units[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private insert(key: string, k: number): void {
    const { slots } = this.data;
    for (let slot = hashOf(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      const taken = slots[slot]!;
      if (taken === -1) {
        slots[slot] = k;
        return;
      }
      if (this.keyEquals(taken, key)) throw new Error(`feature "${key}" is listed twice`);
    }
  }
}
