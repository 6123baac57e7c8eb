import type * as z from 'zod';

/** The `params.errcode` of each custom issue of `result`, in order (`undefined` for other issues). */
export function errcodes(result: { error?: z.ZodError | undefined }): unknown[] {
  return (result.error?.issues ?? []).map((issue) =>
    issue.code === 'custom' ? issue.params?.errcode : undefined,
  );
}

/** The platform errcode a schema attached to the first issue of `result`, if any. */
export function errcodeOf(result: z.ZodSafeParseResult<unknown>): unknown {
  const issue = result.error?.issues[0];
  return issue && 'params' in issue ? issue.params?.errcode : undefined;
}
