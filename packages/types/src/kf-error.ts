const KF_ERROR = Symbol.for('@kf/error');

/**
 * The root of every error the kf packages throw.
 *
 * Use {@link isKfError} rather than `instanceof` when the check may cross package copies: two
 * installed versions of `@kf/types` have two `KfError` classes but share the `Symbol.for` brand.
 */
export class KfError extends Error {
  /** Brand read by {@link isKfError}; the same symbol in every copy of the package. */
  readonly [KF_ERROR] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /**
   * A plain object for structured logs and error trackers: `name` and `message`, never `cause`
   * (which may hold a transport's error with credentials in it). Subclasses add their own fields,
   * so `isKfError(e) && e.toJSON()` is always safe to log.
   */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/** Whether `value` is an error thrown by a kf package, whichever copy of the package threw it. */
export function isKfError(value: unknown): value is KfError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { readonly [KF_ERROR]?: unknown })[KF_ERROR] === true
  );
}
