import type { Json } from './api.js';

/** Builds an element; children that are strings become text (never HTML: messages are user input). */
export function h(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: (Node | string | undefined)[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}

/** The session states (会话状态). */
export const STATE_NAMES: Readonly<Record<number, string>> = {
  0: 'untreated',
  1: 'bot',
  2: 'waiting pool',
  3: 'servicer',
  4: 'ended',
};

/** The docs' names, shown as a tooltip, so a reader can match the official pages. */
export const STATE_NAMES_ZH: Readonly<Record<number, string>> = {
  0: '未处理',
  1: '由智能助手接待',
  2: '待接入池排队中',
  3: '由人工接待',
  4: '已结束/未开始',
};

export function stateLabel(state: number, servicer?: string): string {
  return `${state} · ${STATE_NAMES[state] ?? 'unknown'}${servicer === undefined ? '' : ` — ${servicer}`}`;
}

const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What a customer would see of a message's content (text, media, location, link...). */
export function contentText(message: Json): string {
  const type = str(message.msgtype);
  const body = obj(message[type]);
  switch (type) {
    case 'text':
      return str(body.content);
    case 'image':
    case 'voice':
    case 'video':
    case 'file':
      return `[${type}] ${str(body.media_id).slice(0, 12)}…`;
    case 'location':
      return `📍 ${str(body.name)} ${str(body.address)} (${String(body.latitude)}, ${String(body.longitude)})`;
    case 'link':
      return `🔗 ${str(body.title)}\n${str(body.desc)}\n${str(body.url)}`;
    case 'miniprogram':
      return `[mini program] ${str(body.title)}`;
    case 'business_card':
      return `[business card] ${str(body.userid)}`;
    default:
      return `[${type}]`;
  }
}

const CHANGE_TYPES: Readonly<Record<number, string>> = {
  1: 'took the session from the waiting pool',
  2: 'got the session by transfer',
  3: 'ended the session',
  4: 'took the session over',
};

/** An event of the log as a one-line notice. */
export function eventText(event: Json): string {
  const type = str(event.event_type);
  switch (type) {
    case 'enter_session': {
      const scene = str(event.scene);
      const param = str(event.scene_param);
      const welcome = str(event.welcome_code) === '' ? '' : ', welcome code issued';
      return `entered the session${scene === '' ? '' : ` (scene ${scene}${param === '' ? '' : `, ${param}`})`}${welcome}`;
    }
    case 'session_status_change': {
      const change = Number(event.change_type);
      const who = str(event.new_servicer_userid) || str(event.old_servicer_userid) || 'a servicer';
      const code = str(event.msg_code) === '' ? '' : ' (msg_code issued)';
      return `${who} ${CHANGE_TYPES[change] ?? `changed the session (${change})`}${code}`;
    }
    case 'msg_send_fail':
      return `a message was not delivered (fail_type ${String(event.fail_type)})`;
    case 'user_recall_msg':
      return 'the customer recalled a message';
    case 'servicer_recall_msg':
      return `${str(event.servicer_userid)} recalled a message`;
    case 'servicer_status_change':
      return `${str(event.servicer_userid)} is now ${Number(event.status) === 1 ? 'receiving' : Number(event.stop_type) === 1 ? 'suspended' : 'stopped'}`;
    case 'reject_customer_msg_switch_change':
      return `${str(event.servicer_userid)} ${Number(event.reject_switch) === 1 ? 'rejects' : 'accepts again'} the customer's messages`;
    default:
      return type;
  }
}

/** A sent `msgmenu` as the customer sees it: the head, tappable items, the tail. */
export function menuElement(menu: Json, onTap: (id: string, content: string) => void): HTMLElement {
  const box = h('div', { class: 'menu' });
  const head = str(menu.head_content);
  if (head !== '') box.append(h('div', {}, head));
  const list = Array.isArray(menu.list) ? menu.list : [];
  for (const raw of list) {
    const item = obj(raw);
    const type = str(item.type);
    const body = obj(item[type]);
    if (type === 'click') {
      const button = h('button', { type: 'button', class: 'menu-item' }, str(body.content));
      button.addEventListener('click', () => onTap(str(body.id), str(body.content)));
      box.append(button);
    } else if (type === 'view') {
      // A link the customer may open; the console itself never loads it.
      box.append(
        h(
          'a',
          { class: 'menu-item', href: str(body.url), target: '_blank', rel: 'noopener noreferrer' },
          str(body.content),
        ),
      );
    } else if (type === 'miniprogram') {
      box.append(h('span', { class: 'menu-item' }, `[mini program] ${str(body.content)}`));
    } else {
      box.append(h('div', {}, str(body.content)));
    }
  }
  const tail = str(menu.tail_content);
  if (tail !== '') box.append(h('div', {}, tail));
  return box;
}

export { obj, str };
