// `pnpm demo` until apps/example lands: one callback round trip and one sync_msg page, played with
// the built @kf/types and @kf/crypto exactly as the client and the mock will use them. Prints what
// happens and exits non-zero if any step does not turn out as the platform's rules say it must.
import { randomBytes } from 'node:crypto';
import {
  buildCallbackXml,
  computeSignature,
  KfCallbackCrypto,
  KfCryptoError,
  KfCryptoErrorCode,
} from '@kf/crypto';
import {
  describeErrorCode,
  KfCallbackEvent,
  KfErrorCode,
  SendMsgOnEventRequest,
  SendMsgRequest,
  SyncMsgResponse,
} from '@kf/types';

let failures = 0;
const line = (text = '') => console.log(text);
function check(what, ok, detail = '') {
  if (!ok) failures++;
  line(`  ${ok ? '✔' : '✖'} ${what}${detail ? ` — ${detail}` : ''}`);
}
const errcodeOf = (result) =>
  result.success ? undefined : result.error.issues.find((i) => i.params?.errcode)?.params.errcode;

const corpId = 'ww6a112864f8022910';
const openKfid = 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q';
const customer = 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw';
// A fresh EncodingAESKey every run: 43 characters of [a-zA-Z0-9], as the admin console makes them.
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const encodingAESKey = Array.from(randomBytes(43), (b) => alphabet[b % alphabet.length]).join('');
const callbackToken = 'QDG6eK';

line('kf demo: @kf/types + @kf/crypto');
line();
line('1. WeCom verifies the callback URL (GET)');
const platform = new KfCallbackCrypto({ token: callbackToken, encodingAESKey, receiveId: corpId });
const app = new KfCallbackCrypto({ token: callbackToken, encodingAESKey, receiveId: corpId });
const verification = platform.encryptEchostr('6420187231415926535');
check('the app answers with the plaintext echostr', app.verifyUrl(verification) === '6420187231415926535');

line();
line('2. A customer writes; WeCom POSTs an encrypted kf_msg_or_event notification');
const notification = buildCallbackXml({
  ToUserName: corpId,
  CreateTime: 1_764_000_000,
  MsgType: 'event',
  Event: 'kf_msg_or_event',
  Token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
  OpenKfId: openKfid,
});
const { body, query } = platform.encryptCallback(notification);
line(`  POST ?msg_signature=${query.msg_signature}&timestamp=${query.timestamp}&nonce=${query.nonce}`);
const decrypted = app.decryptCallback(query, body);
const event = KfCallbackEvent.parse(decrypted.fields);
check(
  'the app decrypts it and reads the sync_msg token for the account',
  event.Event === 'kf_msg_or_event' && event.OpenKfId === openKfid && event.CreateTime === 1_764_000_000,
  `OpenKfId ${event.Event === 'kf_msg_or_event' ? event.OpenKfId : '?'}`,
);

const forged = {
  ...query,
  msg_signature: computeSignature('not-the-token', query.timestamp, query.nonce, 'x'),
};
try {
  app.decryptCallback(forged, body);
  check('a forged signature is refused', false, 'it was accepted');
} catch (error) {
  check(
    'a forged signature is refused',
    error instanceof KfCryptoError && error.errcode === KfCryptoErrorCode.ValidateSignatureError,
    `${error.name} ${error.errcode}: ${error.message}`,
  );
}

line();
line('3. The app pulls the messages with sync_msg');
const page = SyncMsgResponse.parse({
  errcode: 0,
  errmsg: 'ok',
  next_cursor: '4gw7MepFLfgF2VC5npN',
  has_more: 0,
  msg_list: [
    {
      msgid: 'msg-1',
      send_time: 1_764_000_000,
      origin: 4,
      msgtype: 'event',
      event: {
        event_type: 'enter_session',
        open_kfid: openKfid,
        external_userid: customer,
        scene: 'spring_sale',
        scene_param: 'order=42',
        welcome_code: 'aaaaaa',
      },
    },
    {
      msgid: 'msg-2',
      open_kfid: openKfid,
      external_userid: customer,
      send_time: 1_764_000_005,
      origin: 3,
      msgtype: 'text',
      text: { content: '我的订单到哪了？', menu_id: '101' },
    },
    {
      msgid: 'msg-3',
      open_kfid: openKfid,
      external_userid: customer,
      send_time: 1_764_000_009,
      origin: 3,
      msgtype: 'image',
      image: { media_id: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw' },
    },
    // A message type this version has never heard of: it must not fail the page.
    {
      msgid: 'msg-4',
      open_kfid: openKfid,
      external_userid: customer,
      send_time: 1_764_000_010,
      origin: 3,
      msgtype: 'hologram',
      hologram: { id: 7 },
    },
  ],
});
for (const msg of page.msg_list) {
  switch (msg.msgtype) {
    case 'event':
      line(
        `  ${msg.msgid} event ${msg.event.event_type}${msg.event.event_type === 'enter_session' ? ` (scene ${msg.event.scene}, welcome_code present)` : ''}`,
      );
      break;
    case 'text':
      line(`  ${msg.msgid} text "${msg.text.content}" (menu_id ${msg.text.menu_id})`);
      break;
    case 'image':
      line(`  ${msg.msgid} image media_id ${msg.image.media_id.slice(0, 12)}…`);
      break;
    case 'unknown':
      line(`  ${msg.msgid} unknown msgtype "${msg.raw.msgtype}", kept as raw`);
      break;
    default:
      line(`  ${msg.msgid} ${msg.msgtype}`);
  }
}
check(
  'every message is typed, the new type lands in the unknown variant',
  page.msg_list.map((m) => m.msgtype).join(',') === 'event,text,image,unknown',
);

line();
line('4. The app replies, within the documented limits');
const welcome = SendMsgOnEventRequest.safeParse({
  code: 'aaaaaa',
  msgtype: 'msgmenu',
  msgmenu: {
    head_content: '您好，请选择：',
    list: [
      { type: 'click', click: { id: 'order', content: '订单状态' } },
      { type: 'click', click: { id: 'hours', content: '营业时间' } },
      { type: 'click', click: { id: 'human', content: '人工客服' } },
    ],
  },
});
check('a welcome menu via send_msg_on_event is valid', welcome.success);
const tooLong = SendMsgRequest.safeParse({
  touser: customer,
  open_kfid: openKfid,
  msgtype: 'text',
  text: { content: '您'.repeat(683) },
});
check('a 2049-byte text is refused with the platform code 45002', errcodeOf(tooLong) === 45002);
const bigMenu = SendMsgRequest.safeParse({
  touser: customer,
  open_kfid: openKfid,
  msgtype: 'msgmenu',
  msgmenu: {
    list: Array.from({ length: 11 }, (_, i) => ({
      type: 'click',
      click: { id: `${i}`, content: `选项${i}` },
    })),
  },
});
check('an 11-item menu is refused with 95008', errcodeOf(bigMenu) === 95008);
const stateRule = describeErrorCode(KfErrorCode.SessionStateDisallowsSending);
check('95018 explains itself', stateRule?.code === 95018, stateRule?.hint);

line();
if (failures > 0) {
  line(`demo failed: ${failures} step(s) did not turn out as expected`);
  process.exit(1);
}
line('demo complete: every step turned out as the platform rules say');
