/**
 * The one check of a whole-number option in the mock (`createKfMock`'s limits, a callback
 * configuration's timeouts and retries, a scenario's `times`), so that each is refused alike and
 * its message names the option and the value given.
 */
export function integerOption(
  name: string,
  value: number,
  min: number,
  refuse: (message: string) => Error,
): number {
  if (!Number.isInteger(value) || value < min) {
    const rule = min === 1 ? 'a positive integer' : `an integer ≥ ${min}`;
    throw refuse(`${name} must be ${rule}, got ${String(value)}`);
  }
  return value;
}
