/**
 * The text helpers of `../errors.ts`: reading the platform's `errmsg`, copying a foreign `cause`
 * chain without keeping the foreign object, and printing validation issues. Here, not in
 * `errors.ts`, so that the error classes stay declarations and the internal callers (the core,
 * the token manager) do not import helpers through the public module.
 */
import { redactText } from './redact.js';

/**
 * The `hint` id the platform puts in `errmsg`. Every shape seen is read: all digits
 * (`"..., hint: [1684744322063820193656488], from ip: ..."`, what public reports show today),
 * `1642399392_16_ab35` (older reports), other letters, digits, `-` and `_`, with or without spaces
 * around it inside the brackets and after `hint:`, in any letter case.
 */
export function parseErrmsgHint(errmsg: string): string | undefined {
  const match = /hint:\s*\[\s*([^\]\s]+)\s*\]/i.exec(errmsg);
  return match?.[1];
}

/**
 * The part of an `errmsg` that says what went wrong, without the `hint`, `from ip` and
 * `more info at <url>` tails the platform appends (`"invalid media_id, hint: [...], from ip: ..."`
 * → `"invalid media_id"`). The whole text when it has no such tail.
 */
export function errmsgSummary(errmsg: string): string {
  const cut = /,?\s*(?:hint:\s*\[|from ip:|more info at\s)/i.exec(errmsg);
  const summary = (cut === null ? errmsg : errmsg.slice(0, cut.index)).trim();
  return summary === '' ? errmsg : summary;
}

/**
 * What an error keeps of a foreign error (thrown by `fetch`, a `TokenStore`, ...) as its `cause`:
 * the name and the redacted message of each link of the `cause` chain, nothing else. The foreign
 * object itself is never kept, because its own properties may hold a credential (an axios-style
 * `request.url` with `access_token=`, an ioredis `command.args` with the stored token) that no
 * message redaction would see.
 */
export interface KfErrorCause {
  /** The foreign error's `name` (`'TypeError'`), or `'Error'` for a thrown non-error. */
  readonly name: string;
  /** Its message, with credential query parameters and known secrets replaced. */
  readonly message: string;
  /** The next link of the chain, if any (at most {@link MAX_CAUSE_DEPTH} links are kept). */
  readonly cause?: KfErrorCause;
}

/** How many links of a foreign `cause` chain are kept; a cycle or a very deep chain stops here. */
export const MAX_CAUSE_DEPTH = 5;

/**
 * The plain, redacted copy of `error` and its `cause` chain ({@link KfErrorCause}). `secrets` are
 * values to remove besides credential query parameters (the secret, recent tokens).
 */
export function plainCause(error: unknown, secrets: Iterable<string> = []): KfErrorCause {
  const known = [...secrets];
  const link = (value: unknown, depth: number): KfErrorCause => {
    const record =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    const rawName = record?.name;
    const rawMessage = record === undefined ? String(value) : record.message;
    const name = typeof rawName === 'string' && rawName !== '' ? rawName : 'Error';
    const message = redactText(typeof rawMessage === 'string' ? rawMessage : String(rawMessage ?? ''), known);
    const next = record?.cause;
    if (next === undefined || next === null || depth + 1 >= MAX_CAUSE_DEPTH) return { name, message };
    return { name, message, cause: link(next, depth + 1) };
  };
  return link(error, 0);
}

/** The messages of a {@link KfErrorCause} chain, joined with `: ` (for an error message). */
export function causeChainText(cause: KfErrorCause): string {
  const parts: string[] = [];
  for (let link: KfErrorCause | undefined = cause; link !== undefined; link = link.cause) {
    if (link.message !== '' && !parts.includes(link.message)) parts.push(link.message);
  }
  return parts.join(': ');
}

/** One problem found in a response, an option or an argument, as zod reports it. */
export interface KfValidationIssue {
  /** Where in the body (`['msg_list', 0, 'msgid']`) or the options (`['timeout']`). */
  readonly path: readonly PropertyKey[];
  /** What is wrong. */
  readonly message: string;
}

/** Issues as one line: `msg_list.0.msgid: expected string`. */
export function formatIssues(issues: readonly KfValidationIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ')
    .concat(issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}
