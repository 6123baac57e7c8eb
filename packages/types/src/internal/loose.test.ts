import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { KfTextMsg } from '../received-message.js';
import { looseObject, unlistedField } from './loose.js';

const text = { msgid: 'm1', send_time: 1, origin: 3, open_kfid: 'wk', external_userid: 'wm' };

describe('looseObject', () => {
  it('keeps a field the schema does not list, as z.looseObject does', () => {
    const schema = looseObject({ a: looseObject({ b: z.string() }) });
    expect(schema.parse({ a: { b: 'x', c: 2 }, d: [1] })).toEqual({ a: { b: 'x', c: 2 }, d: [1] });
    expect(schema.def.catchall?._zod.def.type).toBe(z.looseObject({}).def.catchall?._zod.def.type);
    expect(schema.safeParse({ a: { b: 1 } }).success).toBe(false);
    const parsed = KfTextMsg.parse({ ...text, msgtype: 'text', text: { content: 'hi', font: 'x' }, tag: 1 });
    expect(parsed).toEqual({ ...text, msgtype: 'text', text: { content: 'hi', font: 'x' }, tag: 1 });
  });
});

describe('unlistedField', () => {
  it('reads a field the types do not list from a parsed object', () => {
    const parsed = KfTextMsg.parse({ ...text, msgtype: 'text', text: { content: 'hi' }, trace_id: 't1' });
    expect(unlistedField(parsed, 'trace_id')).toBe('t1');
    expect(unlistedField(parsed.text, 'content')).toBe('hi');
  });

  it('gives undefined for an absent field, and never an inherited one', () => {
    const parsed = KfTextMsg.parse({ ...text, msgtype: 'text', text: { content: 'hi' } });
    expect(unlistedField(parsed, 'trace_id')).toBeUndefined();
    expect(unlistedField(parsed, 'toString')).toBeUndefined();
    expect(unlistedField(parsed, '__proto__')).toBeUndefined();
  });
});
