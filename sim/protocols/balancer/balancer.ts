// A load balancer in front of stateless servers: the policies a scenario may pick
// (architecture.policy) and health checks.
// It routes only among servers in rotation; a server that fails `unhealthyAfter` checks in a
// row is ejected, and readmitted at the first check it passes. Between the crash and the
// ejection the balancer keeps sending traffic to a dead server — the failover gap of a
// stateless fleet, which clients cover with timeouts and retries.
import type { Random } from '../../core/rng.js';
import type { BalancerPolicy } from '../../scenario/scenario.js';
import { ABSENT, MinTree } from './min-tree.js';

export class LoadBalancer {
  private readonly outstanding: Int32Array;
  private readonly failures: Int32Array;
  private readonly inRotation: Uint8Array;
  private rotation: number[];
  private cursor = 0;
  /** least-outstanding only: each server's outstanding count, ABSENT when out of rotation. */
  private readonly loads: MinTree | null;

  constructor(
    servers: number,
    private readonly policy: BalancerPolicy,
    private readonly unhealthyAfter: number,
    private readonly rng: Random,
  ) {
    this.outstanding = new Int32Array(servers);
    this.failures = new Int32Array(servers);
    this.inRotation = new Uint8Array(servers).fill(1);
    this.rotation = Array.from({ length: servers }, (_, i) => i);
    this.loads = policy === 'least-outstanding' ? new MinTree(servers) : null;
    for (let s = 0; s < servers; s++) this.loads?.set(s, 0);
  }

  /** The server for the next request, or -1 when none is in rotation. */
  pick(): number {
    const r = this.rotation;
    if (r.length === 0) return -1;
    let server: number;
    switch (this.policy) {
      case 'round-robin':
        server = r[this.cursor++ % r.length];
        break;
      case 'random':
        server = r[Math.floor(this.rng() * r.length)];
        break;
      case 'least-outstanding':
        server = this.leastOutstanding();
        break;
      case 'power-of-two':
        server = this.powerOfTwo();
        break;
    }
    this.outstanding[server]++;
    this.loads?.set(server, this.outstanding[server]);
    return server;
  }

  /** The request sent to `server` ended (answered or timed out). */
  done(server: number): void {
    if (this.outstanding[server] > 0) {
      this.outstanding[server]--;
      if (this.inRotation[server] === 1) this.loads?.set(server, this.outstanding[server]);
    }
  }

  /** One health check of `server`; returns true when this check ejected it. */
  check(server: number, healthy: boolean): boolean {
    if (healthy) {
      this.failures[server] = 0;
      if (this.inRotation[server] === 0) this.setInRotation(server, 1);
      return false;
    }
    this.failures[server]++;
    if (this.inRotation[server] === 1 && this.failures[server] >= this.unhealthyAfter) {
      this.setInRotation(server, 0);
      return true;
    }
    return false;
  }

  private setInRotation(server: number, value: 0 | 1): void {
    this.inRotation[server] = value;
    this.loads?.set(server, value === 1 ? this.outstanding[server] : ABSENT);
    this.rotation = [];
    for (let s = 0; s < this.inRotation.length; s++) if (this.inRotation[s] === 1) this.rotation.push(s);
  }

  /**
   * Fewest requests in flight; ties go round-robin so no server is favoured by its index: the
   * first server with the fewest, in rotation order starting at the cursor's and wrapping.
   * The rotation lists servers by id, so that is the first at or after the cursor's server id.
   */
  private leastOutstanding(): number {
    const r = this.rotation;
    const from = r[this.cursor++ % r.length];
    const loads = this.loads;
    if (loads === null) throw new Error('balancer: least-outstanding keeps a load tree'); // set with the policy
    const best = loads.firstAtMost(from, loads.min);
    return best >= 0 ? best : loads.firstAtMost(0, loads.min);
  }

  /** Two distinct servers at random, the less loaded wins (Mitzenmacher's power of two choices). */
  private powerOfTwo(): number {
    const r = this.rotation;
    if (r.length === 1) return r[0];
    const i = Math.floor(this.rng() * r.length);
    let j = Math.floor(this.rng() * (r.length - 1));
    if (j >= i) j++;
    return this.outstanding[r[j]] < this.outstanding[r[i]] ? r[j] : r[i];
  }
}
