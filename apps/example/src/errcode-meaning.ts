import { describeErrorCode } from '@kf/types';

/**
 * `95001 (Send quota exceeded: at most 5 messages per customer message)`: an errcode with its
 * meaning from the error-code table of `@kf/types`, so a reader never has to look a number up.
 */
export function withMeaning(errcode: number): string {
  const meaning = describeErrorCode(errcode)?.en.replace(/\.$/, '');
  return meaning === undefined ? String(errcode) : `${errcode} (${meaning})`;
}
