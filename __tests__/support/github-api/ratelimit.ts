/**
 * Primary rate limits (`x-ratelimit-*` headers, `GET /rate_limit`).
 */

/** One rate-limit bucket (`core` or `search`). */
interface Bucket {
  limit: number;
  used: number;
  /** Epoch seconds when the window resets. */
  reset: number;
  windowSeconds: number;
}

/** The resource a request counts against. */
export type RateResource = 'core' | 'search';

/** Counts requests per resource the way api.github.com reports them. */
export class RateLimiter {
  private readonly buckets: Record<RateResource, Bucket>;

  /**
   * @param coreLimit requests per hour (5000 for an installation; GITHUB_TOKEN gets 1000 per repository).
   * @param searchLimit search requests per minute.
   */
  constructor(
    coreLimit = 5000,
    searchLimit = 30,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.buckets = {
      core: { limit: coreLimit, used: 0, reset: 0, windowSeconds: 3600 },
      search: { limit: searchLimit, used: 0, reset: 0, windowSeconds: 60 },
    };
    this.reset();
  }

  /** Start fresh windows with nothing used. */
  reset(): void {
    for (const b of Object.values(this.buckets)) {
      b.used = 0;
      b.reset = Math.floor(this.nowMs() / 1000) + b.windowSeconds;
    }
  }

  private bucket(resource: RateResource): Bucket {
    const b = this.buckets[resource];
    const now = Math.floor(this.nowMs() / 1000);
    if (now >= b.reset) {
      b.used = 0;
      b.reset = now + b.windowSeconds;
    }
    return b;
  }

  /** Count one request. Returns false (and counts nothing) when the bucket is empty. */
  consume(resource: RateResource): boolean {
    const b = this.bucket(resource);
    if (b.used >= b.limit) return false;
    b.used++;
    return true;
  }

  /** Remaining requests in a bucket. */
  remaining(resource: RateResource): number {
    const b = this.bucket(resource);
    return b.limit - b.used;
  }

  /** The `x-ratelimit-*` headers for a response. */
  headers(resource: RateResource, remainingOverride?: number): Record<string, string> {
    const b = this.bucket(resource);
    return {
      'x-ratelimit-limit': String(b.limit),
      'x-ratelimit-remaining': String(remainingOverride ?? b.limit - b.used),
      'x-ratelimit-reset': String(b.reset),
      'x-ratelimit-used': String(b.used),
      'x-ratelimit-resource': resource,
    };
  }

  /** Body of `GET /rate_limit`. */
  overview(): Record<string, unknown> {
    const view = (r: RateResource): Record<string, number> => {
      const b = this.bucket(r);
      return { limit: b.limit, used: b.used, remaining: b.limit - b.used, reset: b.reset };
    };
    return { resources: { core: view('core'), search: view('search') }, rate: view('core') };
  }
}
