import type { SendMenuClickItem, SendMsgMenu } from '@kf/types';

/*
 * What the bot says. Everything a support team would want to edit lives here, away from the flow
 * in `bot.ts`: the menu, the FAQ answers, the keywords that lead to them and the fixed messages.
 */

/**
 * The ids of the menu's click items (回复菜单). When the customer taps one, WeCom sends a customer
 * text message whose `text.menu_id` is the id, so these are what `intent.ts` matches first.
 */
export const MenuId = {
  OrderStatus: 'order_status',
  OpeningHours: 'opening_hours',
  TalkToPerson: 'talk_to_person',
} as const;
export type MenuId = (typeof MenuId)[keyof typeof MenuId];

/** One FAQ answer: the menu item that leads to it, the keywords that do too, and the answer. */
export interface FaqEntry {
  /** The menu item id (`text.menu_id` when tapped). */
  readonly id: MenuId;
  /** The menu item's label, which is also the text the customer's chat shows when tapped. */
  readonly label: string;
  /**
   * Words that lead to this answer when typed. ASCII keywords match whole words, case-insensitive;
   * Chinese keywords match anywhere (Chinese has no spaces between words).
   */
  readonly keywords: readonly string[];
  /** The answer, sent as one text message (≤ 2048 bytes). */
  readonly answer: string;
}

/** The FAQ answers the bot gives itself. */
export const FAQ: readonly FaqEntry[] = [
  {
    id: MenuId.OrderStatus,
    label: 'Order status',
    keywords: [
      'order',
      'orders',
      'delivery',
      'shipping',
      'parcel',
      'tracking',
      '订单',
      '物流',
      '快递',
      '发货',
    ],
    answer:
      'Orders ship within 24 hours. Open "Me → Orders" in our mini program to see where your parcel is; ' +
      'the tracking number is there as soon as it leaves the warehouse.',
  },
  {
    id: MenuId.OpeningHours,
    label: 'Opening hours',
    keywords: ['hours', 'open', 'opening', 'closed', 'weekend', '营业', '几点', '上班'],
    answer:
      'Our shops are open every day from 10:00 to 22:00 (Beijing time). ' +
      'People answer this chat Monday to Friday, 9:00 to 18:00.',
  },
];

/** The menu item that asks for a person. */
export const TALK_TO_PERSON_LABEL = 'Talk to a person';

/** Typed phrases that ask for a person (转人工). Same matching rules as {@link FaqEntry.keywords}. */
export const HANDOVER_KEYWORDS: readonly string[] = [
  'talk to a person',
  'person',
  'human',
  'agent',
  'operator',
  '人工',
  '转人工',
  '客服',
];

/** Typed phrases that end the conversation. */
export const GOODBYE_KEYWORDS: readonly string[] = ['bye', 'goodbye', 'bye bye', '再见', '结束', '拜拜'];

/** The click items of the menu: one per FAQ entry, then "talk to a person". */
export function menuItems(): SendMenuClickItem[] {
  return [
    ...FAQ.map(
      (entry): SendMenuClickItem => ({
        type: 'click',
        click: { id: entry.id, content: entry.label },
      }),
    ),
    { type: 'click', click: { id: MenuId.TalkToPerson, content: TALK_TO_PERSON_LABEL } },
  ];
}

/** The welcome (欢迎语), sent with the `welcome_code` of `enter_session`: a greeting and the menu. */
export function welcomeMenu(): SendMsgMenu {
  return {
    head_content: 'Hello and welcome to Acme support! What can we help you with?',
    list: menuItems(),
    tail_content: 'You can also just type your question.',
  };
}

/** The answer to a message the bot does not understand: a polite apology and the menu again. */
export function fallbackMenu(): SendMsgMenu {
  return {
    head_content: "Sorry, I didn't quite get that. Maybe one of these helps:",
    list: menuItems(),
    tail_content: 'Or type "人工" to talk to a person.',
  };
}

/** The queue notice (排队提示), sent with the `msg_code` of `service_state/trans` to 2. */
export const QUEUE_NOTICE =
  "I've passed you to our team. You're in the queue and a colleague will be with you shortly.";

/** The closing message (结束语) when the customer says goodbye or a servicer ends the session. */
export const CLOSING_MESSAGE = 'Thank you for contacting Acme support. Goodbye, and have a nice day!';

/** The answer to a message type the bot cannot handle (a link, a mini program, a business card...). */
export const UNSUPPORTED_MESSAGE =
  'Thanks! I can only read text, pictures, voice messages, files and locations. ' +
  'Type "人工" to talk to a person.';

/** The acknowledgement of a received file, picture or voice message. */
export function mediaAcknowledgement(kind: string, bytes: number): string {
  return `Thanks, we received your ${kind} (${formatBytes(bytes)}). A colleague will look at it.`;
}

/** The answer when a received file could not be downloaded. */
export function mediaFailure(kind: string): string {
  return `Sorry, we could not open your ${kind}. Could you send it again?`;
}

/** The echo of a shared location. */
export function locationEcho(place: {
  readonly name?: string | undefined;
  readonly address?: string | undefined;
  readonly latitude: number;
  readonly longitude: number;
}): string {
  const where = [place.name, place.address].filter((part) => part !== undefined && part !== '').join(', ');
  const coordinates = `${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)}`;
  return where === ''
    ? `Got your location (${coordinates}). Our nearest shop will be in touch.`
    : `Got your location: ${where} (${coordinates}). Our nearest shop will be in touch.`;
}

/** `12 345 bytes` style: exact, so a customer (and a test) can compare it with the file. */
export function formatBytes(bytes: number): string {
  const grouped = String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped} ${bytes === 1 ? 'byte' : 'bytes'}`;
}
