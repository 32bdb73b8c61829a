/** Fixed-size ring of numbers indexed by absolute sample number: the last `size` samples of a stream. */
export class SampleRing {
  private readonly data: Float64Array;
  constructor(readonly size: number) {
    this.data = new Float64Array(size);
  }
  set(index: number, value: number): void {
    this.data[index % this.size] = value;
  }
  get(index: number): number {
    return this.data[index % this.size] as number;
  }
}
