import { describe, expect, it } from 'vitest';
import { MenuId } from './faq.js';
import { classify, mentions } from './intent.js';

const kindOf = (content: string, menu_id?: string) => {
  const intent = classify(menu_id === undefined ? { content } : { content, menu_id });
  return intent.kind === 'faq' ? intent.entry.id : intent.kind;
};

describe('classify', () => {
  it('goes by the menu_id of a tapped menu item, whatever the text', () => {
    expect(kindOf('anything', MenuId.OrderStatus)).toBe(MenuId.OrderStatus);
    expect(kindOf('anything', MenuId.OpeningHours)).toBe(MenuId.OpeningHours);
    expect(kindOf('anything', MenuId.TalkToPerson)).toBe('handover');
  });

  it('falls back to the text for a menu id it does not know (an older menu)', () => {
    expect(kindOf('Opening hours', 'old_menu_item')).toBe(MenuId.OpeningHours);
  });

  it('reads keywords in English and Chinese', () => {
    expect(kindOf('Where is my ORDER?')).toBe(MenuId.OrderStatus);
    expect(kindOf('我的快递到哪了')).toBe(MenuId.OrderStatus);
    expect(kindOf('are you open on sunday')).toBe(MenuId.OpeningHours);
    expect(kindOf('转人工')).toBe('handover');
    expect(kindOf('I want to talk to a person')).toBe('handover');
    expect(kindOf('ok bye!')).toBe('goodbye');
    expect(kindOf('结束')).toBe('goodbye');
    expect(kindOf('do you sell umbrellas')).toBe('unknown');
  });

  it('prefers a person over an FAQ answer when both are asked for', () => {
    expect(kindOf('人工 订单')).toBe('handover');
  });
});

describe('mentions', () => {
  it('matches ASCII keywords as whole words only', () => {
    expect(mentions('ok bye', 'bye')).toBe(true);
    expect(mentions('byelaw', 'bye')).toBe(false);
    expect(mentions('reopening', 'opening')).toBe(false);
    expect(mentions('what are your hours?', 'hours')).toBe(true);
  });

  it('matches Chinese keywords anywhere', () => {
    expect(mentions('你好，请问几点营业', '营业')).toBe(true);
  });
});
