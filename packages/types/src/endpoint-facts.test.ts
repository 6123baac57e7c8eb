import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { KfEndpointFacts } from './endpoint-facts.js';
import { type KfEndpointName, KfEndpoints } from './endpoints.js';

const names = Object.keys(KfEndpoints) as KfEndpointName[];

/** A valid request of each endpoint with a receipt, without the receipt field. */
const SEND_SAMPLES: Partial<Record<KfEndpointName, Record<string, unknown>>> = {
  sendMsg: { touser: 'wm1', open_kfid: 'wk1', msgtype: 'text', text: { content: 'hi' } },
  sendMsgOnEvent: { code: 'CODE', msgtype: 'text', text: { content: 'hi' } },
};

/** The keys of an object schema (`[]` for anything else, so a wrong fact fails the checks below). */
function keysOf(schema: z.ZodType | null): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | null)?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

function fieldType(schema: z.ZodType | null, key: string): string | undefined {
  const shape = (schema as { shape?: Record<string, z.ZodType> } | null)?.shape;
  return shape?.[key]?._zod.def.type;
}

describe('KfEndpointFacts', () => {
  it('has facts for exactly the endpoints of KfEndpoints', () => {
    expect(Object.keys(KfEndpointFacts).sort()).toEqual([...names].sort());
  });

  it('marks as creating exactly the calls whose replay may create twice', () => {
    const creating = names.filter((name) => KfEndpointFacts[name].creates);
    expect(creating.sort()).toEqual([
      'account.add',
      'knowledge.addGroup',
      'knowledge.addIntent',
      'serviceState.trans',
    ]);
  });

  it('gives the sends a msgid receipt that their request and response both carry', () => {
    const withReceipt = names.filter((name) => KfEndpointFacts[name].receipt !== null);
    expect(withReceipt.sort()).toEqual(['sendMsg', 'sendMsgOnEvent']);
    for (const name of withReceipt) {
      const field = KfEndpointFacts[name].receipt ?? '';
      expect(keysOf(KfEndpoints[name].response)).toContain(field);
      const request = KfEndpoints[name].request.safeParse({ ...SEND_SAMPLES[name], [field]: 'MSGID' });
      expect(request.success).toBe(true);
      expect((request.data as Record<string, unknown>)[field]).toBe('MSGID');
    }
  });

  it('always checks the envelope of the sends and of gettoken, and of nothing else', () => {
    const checked = names.filter((name) => KfEndpointFacts[name].alwaysChecked);
    expect(checked.sort()).toEqual(['getToken', 'sendMsg', 'sendMsgOnEvent']);
  });

  it('states paging fields that the request and response schemas have', () => {
    const paged = names.filter((name) => KfEndpointFacts[name].paging !== null);
    expect(paged.sort()).toEqual(['account.list', 'knowledge.listGroup', 'knowledge.listIntent', 'syncMsg']);
    for (const name of paged) {
      const paging = KfEndpointFacts[name].paging;
      const { request, response } = KfEndpoints[name];
      if (paging === null) throw new Error(`${name} has no paging`);
      expect(fieldType(response, paging.list), `${name}.${paging.list}`).toBe('array');
      if (paging.kind === 'cursor') {
        expect(keysOf(request)).toContain(paging.cursor);
        expect(keysOf(response)).toEqual(expect.arrayContaining([paging.nextCursor, paging.hasMore]));
      } else {
        expect(keysOf(request)).toEqual(expect.arrayContaining([paging.offset, paging.limit]));
      }
    }
  });

  it('leaves no endpoint that answers has_more without cursor paging', () => {
    for (const name of names) {
      if (!keysOf(KfEndpoints[name].response).includes('has_more')) continue;
      expect(KfEndpointFacts[name].paging?.kind, name).toBe('cursor');
    }
  });
});
