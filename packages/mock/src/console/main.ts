import type {
  Account,
  Call,
  Customer,
  Delivery,
  Held,
  Json,
  Sent,
  Session,
  Snapshot,
  WorldEvent,
} from './api.js';
import { base64Of, control } from './api.js';
import {
  contentText,
  eventText,
  h,
  menuElement,
  obj,
  STATE_NAMES,
  STATE_NAMES_ZH,
  stateLabel,
  str,
} from './render.js';

/*
 * The kf-mock console: one page over the control API. The world arrives through the events stream
 * (a snapshot, then changes); every button is one documented control request. Rendering is a plain
 * redraw of the panels from this state, at most once per frame.
 */

/** An item of a conversation, in the order the console learnt of it. */
type Item =
  | { readonly kind: 'log'; readonly open_kfid: string; readonly message: Json }
  | { readonly kind: 'sent'; readonly sent: Sent };

interface State {
  clock: { now: number; iso: string };
  accounts: readonly Account[];
  customers: readonly Customer[];
  sessions: Map<string, Session>;
  items: Item[];
  calls: Call[];
  deliveries: Map<number, Delivery>;
  callback: { url: string } | null;
  transitions: string[];
  held: readonly Held[];
}

const MAX_ROWS = 200;
const HOUR = 3_600_000;
const state: State = {
  clock: { now: 0, iso: '' },
  accounts: [],
  customers: [],
  sessions: new Map(),
  items: [],
  calls: [],
  deliveries: new Map(),
  callback: null,
  transitions: [],
  held: [],
};

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
};
const value = (id: string): string => $<HTMLInputElement>(id).value.trim();
const keyOf = (open_kfid: string, external_userid: string): string => `${open_kfid} ${external_userid}`;
const account = (): string => $<HTMLSelectElement>('account').value;
const customer = (): string => $<HTMLSelectElement>('customer').value;
const servicer = (): string => $<HTMLSelectElement>('servicer').value;
const nickname = (external_userid: string): string =>
  state.customers.find((c) => c.external_userid === external_userid)?.nickname || external_userid;
const conversation = (): { open_kfid: string; external_userid: string } => ({
  open_kfid: account(),
  external_userid: customer(),
});

function say(text: string, error = false): void {
  const status = $('status');
  status.textContent = text;
  status.className = error ? 'err' : '';
}

/** Runs a control request from a button; a refusal is shown with the mock's own message. */
async function act(what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
    say(`${what}: ok`);
  } catch (error) {
    say(`${what}: ${error instanceof Error ? error.message : String(error)}`, true);
  }
}

// --- the world, from the events stream ---

function load(world: Snapshot): void {
  state.clock = { ...world.clock };
  state.accounts = world.accounts;
  state.customers = world.customers;
  state.sessions = new Map(world.sessions.map((s) => [keyOf(s.open_kfid, s.external_userid), s]));
  // Before the stream, the order is the platform's: log and sends merged by time.
  const timed: { at: number; item: Item }[] = [];
  for (const [open_kfid, messages] of Object.entries(world.messages)) {
    for (const message of messages) {
      timed.push({ at: Number(message.send_time) * 1000, item: { kind: 'log', open_kfid, message } });
    }
  }
  for (const sent of world.sent) timed.push({ at: sent.sent_at, item: { kind: 'sent', sent } });
  state.items = timed.sort((a, b) => a.at - b.at).map((entry) => entry.item);
  state.calls = [...world.calls];
  state.deliveries = new Map(world.deliveries.map((d) => [d.id, d]));
  state.callback = world.callback;
  state.transitions = [];
  state.held = world.held;
}

function apply(event: WorldEvent): void {
  switch (event.type) {
    case 'snapshot':
      load(event.world);
      break;
    case 'log':
      state.items.push({ kind: 'log', open_kfid: event.open_kfid, message: event.message });
      break;
    case 'sent':
      state.items.push({ kind: 'sent', sent: event.sent });
      break;
    case 'session': {
      const { session, from } = event;
      state.sessions.set(keyOf(session.open_kfid, session.external_userid), session);
      if (from !== session.service_state) {
        const who = session.servicer_userid === undefined ? '' : ` (${session.servicer_userid})`;
        state.transitions.push(
          `${nickname(session.external_userid)}: ${from ?? '–'} → ${session.service_state}${who}`,
        );
      }
      break;
    }
    case 'call':
      state.calls.push(event.call);
      if (state.calls.length > 5 * MAX_ROWS) state.calls.splice(0, state.calls.length - MAX_ROWS);
      break;
    case 'delivery':
      state.deliveries.set(event.delivery.id, event.delivery);
      break;
    case 'clock':
      state.clock = { now: event.now, iso: event.iso };
      break;
    case 'accounts':
      state.accounts = event.accounts;
      break;
    case 'customers':
      state.customers = event.customers;
      break;
    case 'callback':
      state.callback = event.callback;
      break;
    case 'held':
      state.held = event.held;
      break;
  }
}

let scheduled = false;
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    render();
  });
}

// --- drawing ---

function fillSelect(id: string, options: readonly { value: string; label: string }[]): void {
  const select = $<HTMLSelectElement>(id);
  const previous = select.value;
  const signature = options.map((o) => `${o.value}=${o.label}`).join('\n');
  if (select.dataset.signature !== signature) {
    select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
    select.dataset.signature = signature;
  }
  if (options.some((o) => o.value === previous)) select.value = previous;
}

function renderChat(): void {
  const { open_kfid, external_userid } = conversation();
  const chat = $('chat');
  const recalled = new Set<string>();
  const mine = state.items.filter((item) =>
    item.kind === 'sent'
      ? item.sent.open_kfid === open_kfid && item.sent.external_userid === external_userid
      : item.open_kfid === open_kfid &&
        str(item.message.external_userid ?? obj(item.message.event).external_userid) === external_userid,
  );
  for (const item of mine) {
    if (item.kind === 'log' && item.message.msgtype === 'event') {
      const id = str(obj(item.message.event).recall_msgid);
      if (id !== '') recalled.add(id);
    }
  }
  const rows = mine.map((item): HTMLElement => {
    if (item.kind === 'sent') {
      const { content, via } = item.sent;
      const bubble = h(
        'li',
        { class: 'msg bot', 'data-via': via },
        h('span', { class: 'who' }, `bot · ${via}`),
      );
      if (content.msgtype === 'msgmenu') {
        bubble.append(
          menuElement(obj(content.msgmenu), (menu_id, text) =>
            act('menu tap', () =>
              control('POST', '/customer/send', {
                ...conversation(),
                message: { msgtype: 'text', text: { content: text, menu_id } },
              }),
            ),
          ),
        );
      } else bubble.append(contentText(content));
      return bubble;
    }
    const { message } = item;
    const msgid = str(message.msgid);
    if (message.msgtype === 'event') return h('li', { class: 'notice' }, eventText(obj(message.event)));
    const origin = Number(message.origin);
    const who =
      origin === 3 ? nickname(external_userid) : `${str(message.servicer_userid) || 'servicer'} · WeCom`;
    const bubble = h(
      'li',
      { class: `msg ${origin === 3 ? 'customer' : 'servicer'}${recalled.has(msgid) ? ' recalled' : ''}` },
      h('span', { class: 'who' }, who),
      contentText(message),
    );
    // The customer recalls their own messages; a servicer theirs, from the WeCom client.
    const servicer_userid = str(message.servicer_userid);
    if ((origin === 3 || (origin === 5 && servicer_userid !== '')) && !recalled.has(msgid)) {
      const recall = h('button', { type: 'button', class: 'recall', title: 'recall this message' }, 'recall');
      recall.addEventListener('click', () =>
        act('recall', () =>
          origin === 3
            ? control('POST', '/customer/recall', { ...conversation(), msgid })
            : control('POST', '/servicer/recall', { ...conversation(), servicer_userid, msgid }),
        ),
      );
      bubble.append(' ', recall);
    }
    return bubble;
  });
  // New messages scroll the chat to the end, as a chat app does; a redraw without them keeps the place.
  const grew =
    rows.length !== Number(chat.dataset.count) ||
    chat.dataset.conversation !== `${open_kfid} ${external_userid}`;
  chat.replaceChildren(...rows);
  chat.dataset.count = String(rows.length);
  chat.dataset.conversation = `${open_kfid} ${external_userid}`;
  if (grew) chat.scrollTop = chat.scrollHeight;
}

function renderServicers(): void {
  const open_kfid = account();
  const session = state.sessions.get(keyOf(open_kfid, customer()));
  const label = $('session-state');
  label.textContent =
    session === undefined ? 'no session yet' : stateLabel(session.service_state, session.servicer_userid);
  label.title = session === undefined ? '' : (STATE_NAMES_ZH[session.service_state] ?? '');
  $('reject').textContent = session?.rejected === true ? 'Accept customer again' : 'Reject customer';
  const mine = [...state.sessions.values()].filter((s) => s.open_kfid === open_kfid);
  $('pool').replaceChildren(
    ...mine
      .filter((s) => s.service_state === 2)
      .map((s) => {
        const take = h('button', { type: 'button' }, 'Take');
        take.addEventListener('click', () =>
          act('take', () =>
            control('POST', '/servicer/take-from-pool', {
              open_kfid,
              external_userid: s.external_userid,
              servicer_userid: servicer(),
            }),
          ),
        );
        return h('li', {}, `${nickname(s.external_userid)} `, take);
      }),
  );
  $('sessions').replaceChildren(
    ...mine.map((s) =>
      h(
        'tr',
        {},
        h('td', {}, nickname(s.external_userid)),
        h(
          'td',
          { title: STATE_NAMES_ZH[s.service_state] ?? '' },
          `${s.service_state} · ${STATE_NAMES[s.service_state] ?? ''}`,
        ),
        h('td', {}, s.servicer_userid ?? ''),
      ),
    ),
  );
  $('transitions').replaceChildren(...state.transitions.slice(-50).map((t) => h('li', {}, t)));
}

function renderPlatform(): void {
  $('clock').textContent = state.clock.iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  $('callback').textContent = state.callback === null ? 'off' : `POST ${state.callback.url}`;
  const held = state.held.map((call) => {
    const release = h('button', { type: 'button' }, 'Release');
    release.addEventListener('click', () =>
      act('release', () => control('POST', '/held/release', { id: call.id })),
    );
    const since = new Date(call.at).toISOString().slice(11, 19);
    return h(
      'li',
      { 'data-endpoint': call.endpoint },
      `#${call.id} ${call.endpoint} held since ${since} `,
      release,
    );
  });
  $('held').replaceChildren(...(held.length > 0 ? held : [h('li', { class: 'small' }, 'none')]));
  $('calls').replaceChildren(
    ...state.calls
      .slice(-MAX_ROWS)
      .reverse()
      .map((call) => {
        const failed = call.errcode !== null && call.errcode !== 0;
        const warnings = call.warnings ?? [];
        return h(
          'tr',
          { 'data-endpoint': call.endpoint },
          h('td', {}, new Date(call.at).toISOString().slice(11, 19)),
          h(
            'td',
            {},
            call.endpoint,
            ...warnings.map((warning) => h('div', { class: 'warn' }, `⚠ ${warning}`)),
          ),
          h(
            'td',
            { class: failed ? 'err' : '' },
            `${call.errcode === null ? '—' : String(call.errcode)}${call.lost === true ? ' (lost)' : ''}`,
          ),
        );
      }),
  );
  $('deliveries').replaceChildren(
    ...[...state.deliveries.values()]
      .slice(-MAX_ROWS)
      .reverse()
      .map((d) =>
        h(
          'tr',
          {},
          h('td', {}, String(d.id)),
          h('td', {}, str(d.notification.OpenKfId).slice(0, 10)),
          h('td', { class: d.outcome === 'failed' ? 'err' : '' }, d.outcome),
          h(
            'td',
            {},
            d.attempts
              .map((a) => (a.status === null ? (a.error ?? 'no answer') : String(a.status)))
              .join(', '),
          ),
        ),
      ),
  );
}

function render(): void {
  fillSelect(
    'account',
    state.accounts.map((a) => ({ value: a.open_kfid, label: a.name || a.open_kfid })),
  );
  fillSelect(
    'customer',
    state.customers.map((c) => ({ value: c.external_userid, label: c.nickname || c.external_userid })),
  );
  const servicers = state.accounts.find((a) => a.open_kfid === account())?.servicer_userids ?? [];
  fillSelect(
    'servicer',
    servicers.map((userid) => ({ value: userid, label: userid })),
  );
  renderChat();
  renderServicers();
  renderPlatform();
}

// --- controls ---

function onSubmit(id: string, run: () => Promise<void>): void {
  $(id).addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
}
function onClick(id: string, run: () => Promise<void>): void {
  $(id).addEventListener('click', () => void run());
}

async function sendMedia(type: 'image' | 'voice' | 'video' | 'file', input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  input.value = '';
  if (file === undefined) return;
  await act(`send ${type}`, async () => {
    const { media_id } = await control('POST', '/media', {
      type,
      base64: await base64Of(file),
      filename: file.name,
      ...(file.type === '' ? {} : { contentType: file.type }),
    });
    await control('POST', '/customer/send', {
      ...conversation(),
      message: { msgtype: type, [type]: { media_id } },
    });
  });
}

function wire(): void {
  const advance = (ms: number) => act('advance the clock', () => control('POST', '/clock/advance', { ms }));
  onClick('advance-1h', () => advance(HOUR));
  onClick('advance-48h', () => advance(48 * HOUR));
  onSubmit('advance-form', () => advance(Number(value('advance-ms'))));
  onClick('reset', () => act('reset', () => control('POST', '/reset')));
  for (const id of ['account', 'customer']) $(id).addEventListener('change', schedule);
  onSubmit('new-customer', () =>
    act('new customer', async () => {
      const name = value('nickname');
      const { external_userid } = await control('POST', '/customers', name === '' ? {} : { nickname: name });
      // Select the new customer as soon as the stream brings it.
      const select = $<HTMLSelectElement>('customer');
      select.append(h('option', { value: str(external_userid) }, name || str(external_userid)));
      select.value = str(external_userid);
      schedule();
    }),
  );
  onSubmit('enter', () =>
    act('enter session', async () => {
      const link = value('link');
      const scene = value('scene');
      const scene_param = value('scene-param');
      const param = scene_param === '' ? '' : `&scene_param=${encodeURIComponent(scene_param)}`;
      const body =
        link !== ''
          ? { external_userid: customer(), url: `${link}${param}` }
          : {
              ...conversation(),
              ...(scene === '' ? {} : { scene }),
              ...(scene_param === '' ? {} : { scene_param }),
            };
      const { entered } = await control('POST', '/customer/enter-session', body);
      if (entered !== true)
        throw new Error('the platform logged no enter_session (scene_param needs a scene)');
    }),
  );
  onSubmit('compose', () =>
    act('send', async () => {
      const content = value('text');
      if (content === '') return;
      await control('POST', '/customer/send', {
        ...conversation(),
        message: { msgtype: 'text', text: { content } },
      });
      $<HTMLInputElement>('text').value = '';
    }),
  );
  for (const type of ['image', 'voice', 'video', 'file'] as const) {
    $<HTMLInputElement>(type).addEventListener(
      'change',
      (e) => void sendMedia(type, e.target as HTMLInputElement),
    );
  }
  onSubmit('location', () =>
    act('share location', () =>
      control('POST', '/customer/send', {
        ...conversation(),
        message: {
          msgtype: 'location',
          location: {
            name: value('loc-name'),
            address: '',
            latitude: Number(value('loc-lat')),
            longitude: Number(value('loc-lng')),
          },
        },
      }),
    ),
  );
  onClick('set-status', () =>
    act('servicer status', () =>
      control('POST', '/servicer/status', { userid: servicer(), status: value('servicer-status') }),
    ),
  );
  const asServicer = () => ({ ...conversation(), servicer_userid: servicer() });
  onClick('take', () => act('take', () => control('POST', '/servicer/take-from-pool', asServicer())));
  onClick('transfer', () => act('transfer', () => control('POST', '/servicer/transfer', asServicer())));
  onClick('end', () => act('end', () => control('POST', '/servicer/end', conversation())));
  onClick('reject', () =>
    act('reject', () => {
      const rejected = state.sessions.get(keyOf(account(), customer()))?.rejected === true;
      return control('POST', '/servicer/reject-customer', { ...asServicer(), reject: !rejected });
    }),
  );
  onSubmit('reply', () =>
    act('reply', async () => {
      const content = value('reply-text');
      if (content === '') return;
      await control('POST', '/servicer/reply', {
        ...asServicer(),
        message: { msgtype: 'text', text: { content } },
      });
      $<HTMLInputElement>('reply-text').value = '';
    }),
  );
  onSubmit('fault', () =>
    act('fault', () => {
      const kind = value('fault-kind');
      const number = (id: string): number | undefined => (value(id) === '' ? undefined : Number(value(id)));
      const body: Json = { kind, endpoint: value('fault-endpoint') };
      const errcode = number('fault-errcode');
      const ms = number('fault-ms');
      const times = number('fault-times');
      if (kind === 'fail' && errcode !== undefined) body.errcode = errcode;
      if ((kind === 'delay' || kind === 'hold') && ms !== undefined) body.ms = ms;
      if (times !== undefined) body.times = times;
      return control('POST', '/faults', body);
    }),
  );
  onClick('clear-faults', () => act('clear faults', () => control('DELETE', '/faults')));
}

async function start(): Promise<void> {
  wire();
  const { endpoints } = await control('GET', '/endpoints');
  const list = Array.isArray(endpoints) ? endpoints.map(obj) : [];
  $('fault-endpoint').append(
    ...list.map((e) => h('option', { value: str(e.name) }, `${str(e.name)}  ${str(e.path)}`)),
  );
  const events = new EventSource('/__kf_mock/events');
  events.onmessage = (message: MessageEvent<string>) => {
    apply(JSON.parse(message.data) as WorldEvent);
    schedule();
  };
  events.onerror = () => say('lost the mock; reconnecting…', true);
  events.onopen = () => say('connected');
}

void start();
