/**
 * Callback payloads shared by the tests of `@kf/types` and `@kf/crypto` (kf-api.md §7.8).
 */

/** F-64 (official) as the XML parser hands it over: every value a string. */
export const F64_FIELDS = {
  ToUserName: 'ww12345678910',
  CreateTime: '1348831860',
  MsgType: 'event',
  Event: 'kf_msg_or_event',
  Token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
  OpenKfId: 'wkxxxxxxx',
};
