/**
 * MSB-first bit packing, so pose fields can sit at any bit offset and the frame spends no bits
 * on alignment padding. Bit by bit is plenty fast for a 240-bit frame at 30 Hz.
 */
export class BitWriter {
  readonly bytes: Uint8Array;
  private bit = 0;

  constructor(byteLength: number) {
    this.bytes = new Uint8Array(byteLength);
  }

  /** Writes the low `width` bits of a non-negative integer `value` (width ≤ 31). */
  write(value: number, width: number): void {
    for (let i = width - 1; i >= 0; i--) {
      if ((value >>> i) & 1) {
        const index = this.bit >>> 3;
        this.bytes[index] = (this.bytes[index] ?? 0) | (0x80 >>> (this.bit & 7));
      }
      this.bit++;
    }
  }

  /** Leaves `width` bits as zeros (the buffer starts zeroed), e.g. the slot of an absent hand. */
  skip(width: number): void {
    this.bit += width;
  }

  get bitsWritten(): number {
    return this.bit;
  }
}

export class BitReader {
  private bit = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Reads `width` bits (≤ 31) as a non-negative integer; bits past the end read as 0. */
  read(width: number): number {
    let value = 0;
    for (let i = 0; i < width; i++) {
      const byte = this.bytes[this.bit >>> 3] ?? 0;
      value = (value << 1) | ((byte >>> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return value >>> 0;
  }

  skip(width: number): void {
    this.bit += width;
  }
}
