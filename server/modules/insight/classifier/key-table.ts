/**
 * A hash table from a feature key (two 32-bit integers: `hi` carries the feature's kind, `lo` the
 * rest; see features.ts) to a dense id 0…size−1, on one typed array with open addressing (a slot
 * is [hi, lo, id, −] in 16 bytes, one cache line per probe): the classifier looks up about a
 * thousand keys per message, so no strings and no Map. Pure.
 */
const EMPTY = -1;

export class KeyTable {
  slots: Int32Array;
  mask: number;
  size = 0;
  /** The slot of each id (so that clearing a nearly empty table touches only its keys). */
  private at: Int32Array;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap * 4).fill(EMPTY);
    this.mask = cap - 1;
    this.at = new Int32Array(cap);
  }

  private slot(hi: number, lo: number): number {
    let h = Math.imul(hi ^ 0x27d4eb2d, 0x9e3779b1) ^ lo;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h ^= h >>> 13;
    const slots = this.slots;
    let s = (h & this.mask) << 2;
    for (;;) {
      const k = slots[s];
      if (k === EMPTY || (k === hi && slots[s + 1] === lo)) return s;
      s = (s + 4) & ((this.mask << 2) | 3);
    }
  }

  /** The key's id, or −1 when it is not in the table. */
  get(hi: number, lo: number): number {
    const s = this.slot(hi, lo);
    return this.slots[s] === EMPTY ? -1 : this.slots[s + 2];
  }

  /** The key's id, adding it with the next id when it is new. */
  add(hi: number, lo: number): number {
    let s = this.slot(hi, lo);
    if (this.slots[s] !== EMPTY) return this.slots[s + 2];
    if ((this.size + 1) * 2 > this.mask + 1) {
      this.grow();
      s = this.slot(hi, lo);
    }
    this.slots[s] = hi;
    this.slots[s + 1] = lo;
    this.slots[s + 2] = this.size;
    this.at[this.size] = s;
    return this.size++;
  }

  /** Empties the table (keeps its capacity): one table reused for every message. */
  clear(): void {
    if (this.size * 8 > this.mask) this.slots.fill(EMPTY);
    else for (let i = 0; i < this.size; i++) this.slots[this.at[i]] = EMPTY;
    this.size = 0;
  }

  /** Every key in id order: [hi, lo] pairs as two arrays. */
  keys(): { hi: Int32Array; lo: Int32Array } {
    const hi = new Int32Array(this.size);
    const lo = new Int32Array(this.size);
    const slots = this.slots;
    for (let s = 0; s < slots.length; s += 4) {
      if (slots[s] === EMPTY) continue;
      hi[slots[s + 2]] = slots[s];
      lo[slots[s + 2]] = slots[s + 1];
    }
    return { hi, lo };
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap * 4).fill(EMPTY);
    this.mask = cap - 1;
    this.at = new Int32Array(cap);
    for (let s = 0; s < old.length; s += 4) {
      if (old[s] === EMPTY) continue;
      const t = this.slot(old[s], old[s + 1]);
      this.slots[t] = old[s];
      this.slots[t + 1] = old[s + 1];
      this.slots[t + 2] = old[s + 2];
      this.at[old[s + 2]] = t;
    }
  }

  /** A table holding exactly these keys, the i-th with id i. */
  static of(hi: Int32Array, lo: Int32Array): KeyTable {
    const t = new KeyTable(hi.length);
    for (let i = 0; i < hi.length; i++) t.add(hi[i], lo[i]);
    return t;
  }
}
