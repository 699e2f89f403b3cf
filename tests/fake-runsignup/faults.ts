// Faults a test switches on. Each applies to the next matching request(s), so a test says
// exactly which call misbehaves and can then check what the server ended up holding.

export type RouteName =
  | 'user-results' | 'race-series-results' | 'race' | 'participants' | 'get-result-sets' | 'new-result-set' | 'login'
  | 'full-results' | 'get-results' | 'clear-results' | 'result-set-splits'
  | 'token' | 'authorize'
  | 'race-series-info' | 'race-series-years' | 'non-standard-scoring-types' | 'race-series-participants-lookup' | 'race-series-participants-add';

export type Fault =
  | { kind: 'throttle' } // RunSignup error 14 (HTTP 200 on REST, HTTP 429 with the v2 shape on v2)
  | { kind: 'http'; status: number } // e.g. 500, 522, with an HTML page like a proxy's
  | { kind: 'delay'; ms: number } // then the request is handled and applied as usual
  | { kind: 'drop'; when: 'before_apply' | 'after_apply' } // the connection is cut with no answer
  | { kind: 'malformed' } // applied, then a truncated body with HTTP 200
  | { kind: 'omit_last_row' } // applied in full, but the JSON answer's list leaves out its last row
  | { kind: 'portal' }; // not applied: a Wi-Fi sign-in page (HTML, HTTP 200) answers instead of RunSignup

interface Pending {
  fault: Fault;
  remaining: number;
  /** Matching requests still to let through before the fault starts. */
  after: number;
  route: RouteName | undefined;
}

export class FaultSwitch {
  private pending: Pending[] = [];
  private throttle: { every: number; route: RouteName | undefined; seen: number } | null = null;

  /** The next `times` requests (to `route`, or any API route) get this fault, after letting `after` through. */
  next(fault: Fault, options: { times?: number; route?: RouteName; after?: number } = {}): void {
    this.pending.push({ fault, remaining: options.times ?? 1, after: options.after ?? 0, route: options.route });
  }

  /** Every nth request (to `route`, or any API route) is throttled with code 14. */
  throttleEvery(every: number, route?: RouteName): void {
    if (!Number.isInteger(every) || every < 1) throw new RangeError('throttleEvery needs a whole number of at least 1.');
    this.throttle = { every, route, seen: 0 };
  }

  clear(): void {
    this.pending = [];
    this.throttle = null;
  }

  /** The fault for this request, if any; consumes it. */
  take(route: RouteName): Fault | null {
    if (this.throttle && (this.throttle.route ?? route) === route) {
      this.throttle.seen++;
      if (this.throttle.seen % this.throttle.every === 0) return { kind: 'throttle' };
    }
    const index = this.pending.findIndex((p) => (p.route ?? route) === route);
    const found = this.pending[index];
    if (!found) return null;
    if (found.after > 0) {
      found.after--;
      return null;
    }
    if (--found.remaining <= 0) this.pending.splice(index, 1);
    return found.fault;
  }
}
