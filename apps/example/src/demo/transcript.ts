import type { BotActivity } from '../activity.js';
import { HOLD_BACK_MEANING } from '../send-guard.js';

/** ANSI styles, or none when the output is not a colour terminal. */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  yellow(text: string): string;
}

const style =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

/** Colours when `enabled`, plain text otherwise. */
export function paint(enabled: boolean): Paint {
  const plain = (text: string): string => text;
  return enabled
    ? {
        bold: style(1, 22),
        dim: style(2, 22),
        green: style(32, 39),
        red: style(31, 39),
        cyan: style(36, 39),
        yellow: style(33, 39),
      }
    : { bold: plain, dim: plain, green: plain, red: plain, cyan: plain, yellow: plain };
}

const WHO_WIDTH = 9;

/** What the marks of the transcript mean; printed once, above the first conversation. */
export const LEGEND =
  'legend: ▸ the customer writes  ◂ the bot sends  → the session changes state  • an event  … the bot stays silent or ignores  ⏸ held back  ! the platform refused';

/**
 * Prints the conversation as it happens: the customers' messages (▸), the bot's answers (◂),
 * state changes, events and what the bot held back or ignored, each on one line.
 */
export class Transcript {
  readonly #write: (line: string) => void;
  readonly #paint: Paint;
  readonly #names = new Map<string, string>();

  constructor(write: (line: string) => void, colours: Paint) {
    this.#write = write;
    this.#paint = colours;
  }

  /** Shows `name` instead of the customer's external_userid. */
  name(external_userid: string, name: string): void {
    this.#names.set(external_userid, name);
  }

  /** The legend of the marks (▸ ◂ → • …), dimmed. */
  legend(): void {
    this.#write(`  ${this.#paint.dim(LEGEND)}`);
  }

  /** A heading for the next customer's story. */
  heading(text: string): void {
    this.#write('');
    this.#write(this.#paint.bold(text));
  }

  /** Something the script does that the bot does not see directly (a servicer's click...). */
  narrate(text: string): void {
    this.#write(`  ${this.#paint.dim(`(${text})`)}`);
  }

  /** A passed or failed check. */
  check(ok: boolean, text: string): void {
    this.#write(
      `  ${ok ? this.#paint.green('✔') : this.#paint.red('✖')} ${ok ? this.#paint.dim(text) : text}`,
    );
  }

  /** Any line. */
  line(text: string): void {
    this.#write(text);
  }

  /** One line per bot activity; bind it as the bot's `onActivity`. */
  readonly activity = (activity: BotActivity): void => {
    const p = this.#paint;
    const who = (id: string | undefined): string =>
      (id === undefined ? '-' : (this.#names.get(id) ?? id)).padEnd(WHO_WIDTH);
    switch (activity.kind) {
      case 'received':
        this.#row(p.cyan(who(activity.external_userid)), '▸', activity.summary);
        return;
      case 'sent':
        this.#row(
          p.green('bot'.padEnd(WHO_WIDTH)),
          '◂',
          `${activity.summary}${activity.via === 'send_msg_on_event' ? p.dim('  [send_msg_on_event]') : ''}`,
        );
        return;
      case 'held':
        this.#row(
          p.yellow('bot'.padEnd(WHO_WIDTH)),
          '⏸',
          `held back "${activity.summary}": ${HOLD_BACK_MEANING[activity.reason]}`,
        );
        return;
      case 'silent':
        this.#row(p.dim('bot'.padEnd(WHO_WIDTH)), '…', p.dim(`stays silent: ${activity.reason}`));
        return;
      case 'state':
        this.#row(p.yellow('state'.padEnd(WHO_WIDTH)), '→', `${activity.service_state}: ${activity.reason}`);
        return;
      case 'event':
        this.#row(
          p.dim(
            activity.external_userid === undefined
              ? 'event'.padEnd(WHO_WIDTH)
              : who(activity.external_userid),
          ),
          '•',
          p.dim(`event ${activity.event_type}: ${activity.meaning}`),
        );
        return;
      case 'refused':
        this.#row(
          p.yellow('platform'.padEnd(WHO_WIDTH)),
          '!',
          `${activity.endpoint} refused with ${activity.errcode}: ${activity.meaning}`,
        );
        return;
      case 'ignored':
        this.#row(p.dim('bot'.padEnd(WHO_WIDTH)), '…', p.dim(`ignores: ${activity.reason}`));
        return;
    }
  };

  #row(who: string, arrow: string, text: string): void {
    this.#write(`  ${who} ${arrow} ${text}`);
  }
}
