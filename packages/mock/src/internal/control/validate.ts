import type * as z from 'zod';
import { KfMockError } from '../../errors.js';

/** A control request the mock cannot take: answered with a 4xx and a JSON message. */
export class ControlError extends KfMockError {
  readonly status: number;
  readonly type: string;

  constructor(status: number, type: string, message: string) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

/** Parses `input` with `schema`; the first issue becomes a `KfMockError` naming the field. */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
  throw new ControlError(400, 'bad_request', `invalid ${what}${where}: ${issue?.message ?? 'invalid'}`);
}
