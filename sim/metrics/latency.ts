// Latency distribution: an HDR histogram (hdr-histogram-js) for percentiles with bounded
// relative error, plus an exact running sum for the mean (the histogram's own mean is
// computed from bucket midpoints and would blur an M/M/1 check).
import * as hdr from 'hdr-histogram-js';

export class LatencyHistogram {
  private readonly histogram: hdr.Histogram;
  private sum = 0;
  count = 0;

  constructor(significantDigits: 2 | 3 = 3) {
    this.histogram = hdr.build({
      numberOfSignificantValueDigits: significantDigits,
      lowestDiscernibleValue: 1,
      autoResize: true,
      useWebAssembly: false,
    });
  }

  /** Records one latency in microseconds. */
  record(micros: number): void {
    this.histogram.recordValue(micros < 1 ? 1 : micros);
    this.sum += micros;
    this.count++;
  }

  meanMicros(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }

  /** The latency at percentile p (0..100) in microseconds, or null with no samples. */
  percentileMicros(p: number): number | null {
    return this.count === 0 ? null : this.histogram.getValueAtPercentile(p);
  }

  reset(): void {
    this.histogram.reset();
    this.sum = 0;
    this.count = 0;
  }
}
