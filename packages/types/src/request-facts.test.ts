import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { AccountListRequest } from './account.js';
import { KnowledgeListGroupRequest, KnowledgeListIntentRequest } from './knowledge.js';
import { SyncMsgRequest } from './message.js';
import { KfRequestFacts } from './request-facts.js';

/** The facts of an optional field: the registry is keyed by the schema inside `.optional()`. */
function factsOf(field: z.ZodType): unknown {
  const def = field._zod.def as { innerType?: z.ZodType };
  return def.innerType === undefined ? undefined : KfRequestFacts.get(def.innerType);
}

describe('KfRequestFacts', () => {
  it('marks the limits whose docs give a default and no minimum: 0 means the default', () => {
    expect(factsOf(SyncMsgRequest.shape.limit)).toEqual({ zeroMeansDefault: true });
    expect(factsOf(KnowledgeListGroupRequest.shape.limit)).toEqual({ zeroMeansDefault: true });
    expect(factsOf(KnowledgeListIntentRequest.shape.limit)).toEqual({ zeroMeansDefault: true });
  });

  it('leaves account/list limit unmarked: its documented range is 1–100', () => {
    expect(factsOf(AccountListRequest.shape.limit)).toBeUndefined();
  });

  it('keeps the strict schemas strict: 0 is still refused by the schema itself', () => {
    expect(SyncMsgRequest.safeParse({ open_kfid: 'wk1', limit: 0 }).success).toBe(false);
  });
});
