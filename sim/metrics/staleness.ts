// Stale reads (SPEC.md): a read is stale when it returned a version older than the latest write
// to its key that was acknowledged before the read began. Per key we keep the last few
// acknowledged (time, version) pairs; reads are short, so the write that matters is recent.
// When every kept ack is newer than the read's start we cannot tell, and count it fresh.

const KEPT = 8;

export class StaleReadCounter {
  stale = 0;
  private readonly ackTimes = new Map<number, number[]>();
  private readonly ackVersions = new Map<number, number[]>();

  writeAcked(now: number, key: number, version: number): void {
    let times = this.ackTimes.get(key);
    let versions = this.ackVersions.get(key);
    if (times === undefined || versions === undefined) {
      times = [];
      versions = [];
      this.ackTimes.set(key, times);
      this.ackVersions.set(key, versions);
    }
    times.push(now);
    versions.push(version);
    if (times.length > KEPT) {
      times.shift();
      versions.shift();
    }
  }

  readReturned(readStart: number, key: number, version: number): void {
    const times = this.ackTimes.get(key);
    const versions = this.ackVersions.get(key);
    if (times === undefined || versions === undefined) return;
    let latest = -1;
    for (let i = 0; i < times.length; i++) if (times[i] < readStart && versions[i] > latest) latest = versions[i];
    if (version < latest) this.stale++;
  }
}
