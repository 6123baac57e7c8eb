import type * as z from 'zod';

/** The platform errcode a schema attached to the first issue of `result`, if any. */
export function errcodeOf(result: z.ZodSafeParseResult<unknown>): unknown {
  const issue = result.error?.issues[0];
  return issue && 'params' in issue ? issue.params?.errcode : undefined;
}
