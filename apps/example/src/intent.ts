import type { FaqEntry } from './faq.js';
import { FAQ, GOODBYE_KEYWORDS, HANDOVER_KEYWORDS, MenuId } from './faq.js';

/** What a customer's text asks for. */
export type Intent =
  | { readonly kind: 'faq'; readonly entry: FaqEntry }
  | { readonly kind: 'handover' }
  | { readonly kind: 'goodbye' }
  | { readonly kind: 'unknown' };

/**
 * Reads a customer's text message. A menu tap (`text.menu_id`) decides on its own; typed text is
 * matched against the keywords, asking for a person first (a customer who writes "人工 订单" wants
 * the person), then goodbye, then the FAQ.
 */
export function classify(text: { readonly content: string; readonly menu_id?: string | undefined }): Intent {
  if (text.menu_id !== undefined && text.menu_id !== '') {
    if (text.menu_id === MenuId.TalkToPerson) return { kind: 'handover' };
    const entry = FAQ.find((candidate) => candidate.id === text.menu_id);
    // A menu id from an older menu: fall through to the typed text (the item's label).
    if (entry !== undefined) return { kind: 'faq', entry };
  }
  const content = text.content.trim();
  if (HANDOVER_KEYWORDS.some((keyword) => mentions(content, keyword))) return { kind: 'handover' };
  if (GOODBYE_KEYWORDS.some((keyword) => mentions(content, keyword))) return { kind: 'goodbye' };
  const entry = FAQ.find((candidate) => candidate.keywords.some((keyword) => mentions(content, keyword)));
  return entry === undefined ? { kind: 'unknown' } : { kind: 'faq', entry };
}

const ASCII = /^[\x20-\x7e]+$/;

/**
 * Whether `text` mentions `keyword`: ASCII keywords as whole words, case-insensitive ("bye" is in
 * "ok bye!" but not in "byelaw"); other keywords (Chinese) anywhere in the text.
 */
export function mentions(text: string, keyword: string): boolean {
  if (!ASCII.test(keyword)) return text.includes(keyword);
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`, 'i').test(text);
}
