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
   * A plain object for structured logs and error trackers: `name`, `message` and every field the
   * subclass declares (a field holding another kf error as that error's `toJSON()`), never `cause`
   * or `stack`. `cause` may hold a transport's error with credentials in it, so a subclass keeps
   * what is worth logging in a named field, already redacted; fields that are `undefined`, functions
   * or foreign errors are left out. So `isKfError(e) && e.toJSON()` is always safe to log, and no
   * subclass needs its own copy.
   */
  toJSON(): Record<string, unknown> {
    const view: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key === 'cause' || key === 'stack' || value === undefined || typeof value === 'function') continue;
      if (isKfError(value)) view[key] = value.toJSON();
      // A foreign error's own properties may hold a credential (an axios-style `request.url`).
      else if (!(value instanceof Error)) view[key] = value;
    }
    return view;
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
