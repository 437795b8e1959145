import { ReportReasons, type ReportReason } from '../../shared/circle/facilitation';
import type { CircleView, MemberView } from '../../shared/circle/views';
import { TakingPartChoices, type TakingPart } from '../../shared/circle/taking-part';
import { WordChainMenu } from '../activity/word-chain-menu';
import type { WordChainPlay } from '../activity/word-chain-play';
import type { CommandBus } from '../commands/command-bus';
import type { Command } from '../commands/commands';
import type { MessageKey } from '../i18n/en';
import type { Translator } from '../i18n/i18n';
import {
  PersonSlots,
  type MenuButtonId,
  type MenuPage,
  type PersonButtonId,
} from '../xr/menu-layout';
import type { TablesMenu } from '../tables/tables-menu';
import type { MenuView } from '../xr/wrist-menu';

/** What the headset menu reads and does beyond commands: the piece, help, chat and safety. */
export interface MenuSources {
  holdingPiece(): boolean;
  /** The talking piece is offered to this member; and their answer to it. */
  pieceOffered(): boolean;
  answerOffer(accept: boolean): void;
  /** Someone listening without a microphone has nothing to mute. */
  listenOnly(): boolean;
  /** The circle as this member sees it (blocked members left out), or undefined outside one. */
  circle(): { circle: CircleView; selfId: string } | undefined;
  /** The places to turn to, as lines to read; undefined when they cannot be loaded. */
  helpText(): Promise<string | undefined>;
  /** Tells the facilitators privately; how many it reached, or undefined on failure. */
  alert(): Promise<number | undefined>;
  /** The latest `count` chat lines, oldest first. */
  recentChat(count: number): { name: string; text: string }[];
  /** Reports a member to the facilitators; true once sent. */
  report(memberId: string, reason: ReportReason): Promise<boolean>;
  /** Blocks a member; true once done. */
  block(memberId: string): Promise<boolean>;
  /** A facilitator's newest notice (a knock, a call for help, a report), in words. */
  notice(): string | undefined;
  /** How this member takes part now, and a change to it. */
  takingPart(): TakingPart | undefined;
  chooseTakingPart(choice: TakingPart): void;
  /** The word chain at this member's table, if they sit at one. */
  readonly wordChain: WordChainPlay;
  /** A social event's tables, to sit at or move between. */
  readonly tables: TablesMenu;
}

/** Chat lines the menu shows, each cut to what its panel holds. */
const CHAT_LINES = 6;
const CHAT_CHARS = 90;

/** Buttons that only issue a command; the same command a key or a page button issues. */
const commandButtons: Partial<Record<MenuButtonId, Command>> = {
  mute: { type: 'mute.toggle' },
  hand: { type: 'hand.toggle' },
  pass: { type: 'piece.pass' },
  away: { type: 'away.toggle' },
  help: { type: 'help.toggle' },
  recenter: { type: 'view.recenter' },
  leave: { type: 'circle.leave' },
  'react-nod': { type: 'react', reaction: 'nod' },
  'react-heart': { type: 'react', reaction: 'heart' },
  'react-metoo': { type: 'react', reaction: 'metoo' },
  'react-wave': { type: 'react', reaction: 'wave' },
  'react-thanks': { type: 'react', reaction: 'thanks' },
};

/**
 * The wrist menu's state and what its buttons do: which page shows, who was chosen on the People
 * page, and the answers to the last alert or report. Leave and Block each ask a second press,
 * since a stray trigger pull is easy in a headset.
 */
export class HeadsetMenu {
  private page: Exclude<MenuPage, 'controls'> = 'main';
  private target: string | undefined;
  private confirmingLeave = false;
  private confirmingBlock = false;
  private helpText: string | undefined;
  private note = '';
  private seenNotice: string | undefined;
  private readonly game: WordChainMenu;

  constructor(
    private readonly i18n: Translator,
    private readonly commands: CommandBus,
    private readonly sources: MenuSources,
  ) {
    this.game = new WordChainMenu(i18n, sources.wordChain);
  }

  /** A first press of Leave only asks; true when this press should leave. */
  confirmLeave(): boolean {
    if (this.confirmingLeave) return true;
    this.confirmingLeave = true;
    return false;
  }

  /**
   * True while a facilitator's notice waits unseen: the headset cues it above the left hand
   * until the wrist menu, which shows it, has been open.
   */
  noticePending(): boolean {
    const notice = this.sources.notice();
    return notice !== undefined && notice !== this.seenNotice;
  }

  reset(): void {
    this.page = 'main';
    this.target = undefined;
    this.confirmingLeave = false;
    this.confirmingBlock = false;
    this.note = '';
  }

  press(id: MenuButtonId): void {
    if (id !== 'leave') this.confirmingLeave = false;
    if (id !== 'block') this.confirmingBlock = false;
    const command = commandButtons[id];
    if (command) {
      this.commands.run(command, 'vr');
      return;
    }
    if (this.game.press(id) || this.sources.tables.press(id)) return;
    if (id.startsWith('person-')) {
      this.choose(id as PersonButtonId);
      return;
    }
    if (id.startsWith('reason-')) {
      void this.report(id.slice('reason-'.length) as ReportReason);
      return;
    }
    const part = TakingPartChoices.find((choice) => id === `part-${choice}`);
    if (part) {
      this.sources.chooseTakingPart(part);
      this.show('main');
      return;
    }
    switch (id) {
      case 'chat':
      case 'people':
        this.show(id);
        return;
      case 'get-help':
        this.openGetHelp();
        return;
      case 'alert':
        void this.alert();
        return;
      case 'report':
        this.show('report');
        return;
      case 'take-part':
      case 'offer':
        this.show(id);
        return;
      case 'game':
        this.game.opened();
        this.show('game');
        return;
      case 'tables':
      case 'game-tables':
        this.sources.tables.opened();
        this.show('tables');
        return;
      case 'offer-accept':
      case 'offer-decline':
        this.sources.answerOffer(id === 'offer-accept');
        this.show('main');
        return;
      case 'block':
        void this.block();
        return;
      case 'back':
        this.back();
        return;
    }
  }

  view(): MenuView {
    const state = this.commands.state;
    const t = (key: MessageKey) => this.i18n.t(key);
    const page: MenuPage = state.helpOpen ? 'controls' : this.page;
    const notice = this.sources.notice() ?? '';
    // The menu is drawn only while open: what it shows now has been seen.
    if (notice) this.seenNotice = notice;
    const others = this.others();
    const target = others.find((m) => m.id === this.target);
    const people = Object.fromEntries(
      PersonSlots.map((i) => [`person-${i}`, others[i]?.name ?? '']),
    ) as Record<PersonButtonId, string>;
    const reasons = Object.fromEntries(
      ReportReasons.map((r) => [`reason-${r}`, t(`report.reason.${r}`)]),
    ) as Record<`reason-${ReportReason}`, string>;
    const current = this.sources.takingPart();
    // The current way is marked in words as well as colour, for those who cannot tell colours.
    const parts = Object.fromEntries(
      TakingPartChoices.map((c) => [
        `part-${c}`,
        c === current ? `✓ ${t(`takePart.${c}`)}` : t(`takePart.${c}`),
      ]),
    ) as Record<`part-${TakingPart}`, string>;
    return {
      page,
      muted: state.muted,
      listenOnly: this.sources.listenOnly(),
      handRaised: state.handRaised,
      away: state.away,
      holdingPiece: this.sources.holdingPiece(),
      pieceOffered: this.sources.pieceOffered(),
      canAlert: this.sources.circle() !== undefined,
      people: Math.min(others.length, PersonSlots.length),
      ...this.game.conditions(),
      ...this.sources.tables.conditions(),
      confirmingLeave: this.confirmingLeave,
      notice,
      pageText: this.pageText(page, target?.name ?? ''),
      labels: {
        mute: t(state.muted ? 'voice.unmute' : 'voice.mute'),
        hand: t(state.handRaised ? 'xr.lowerHand' : 'hand.raise'),
        'react-nod': t('reaction.nod'),
        'react-heart': t('reaction.heart'),
        'react-metoo': t('reaction.metoo'),
        'react-wave': t('reaction.wave'),
        'react-thanks': t('reaction.thanks'),
        pass: t('piece.pass'),
        'take-part': t('takePart.menu'),
        offer: t('piece.offeredMenu'),
        'offer-accept': t('piece.accept'),
        'offer-decline': t('piece.decline'),
        ...parts,
        away: t('away.stepOut'),
        chat: t('chat.heading'),
        people: t('xr.people'),
        'get-help': t('helpNow.open'),
        alert: t('helpNow.alert'),
        help: t('xr.help'),
        recenter: t('xr.recenter'),
        leave: t(this.confirmingLeave ? 'xr.leaveConfirm' : 'circle.leave'),
        ...people,
        report: t('member.report'),
        block: this.confirmingBlock
          ? this.i18n.t('xr.blockConfirm', { name: target?.name ?? '' })
          : t('member.block'),
        ...reasons,
        ...this.game.labels(),
        ...this.sources.tables.labels(),
        back: t('common.back'),
        // The People page's grid leaves no room for text: its hint takes the top line. On the
        // main page a facilitator's notice takes it, where a glance at the wrist finds it.
        hint:
          page === 'people'
            ? t(others.length > 0 ? 'xr.peopleHint' : 'xr.nobodyElse')
            : page === 'take-part'
              ? t('takePart.menuHint')
              : page === 'offer'
                ? t('piece.offered')
                : page === 'game'
                  ? this.game.hint()
                  : page === 'tables'
                    ? this.sources.tables.hint()
                    : notice && page === 'main'
                      ? this.i18n.t('xr.noticeHint', { text: notice })
                      : t('xr.menuHint'),
      },
    };
  }

  private others(): MemberView[] {
    const current = this.sources.circle();
    if (!current) return [];
    return current.circle.members
      .filter((m) => m.id !== current.selfId)
      .sort((a, b) => a.seat - b.seat);
  }

  private show(page: Exclude<MenuPage, 'controls'>): void {
    this.page = page;
    this.note = '';
  }

  private back(): void {
    if (this.commands.state.helpOpen) {
      this.commands.run({ type: 'help.toggle' }, 'vr');
      return;
    }
    if (this.page === 'report') this.show('person');
    else if (this.page === 'person') this.show('people');
    else this.show('main');
  }

  private choose(id: PersonButtonId): void {
    const member = this.others()[Number(id.slice('person-'.length))];
    if (!member) return;
    this.target = member.id;
    this.show('person');
  }

  private pageText(page: MenuPage, name: string): string {
    const t = (key: MessageKey) => this.i18n.t(key);
    switch (page) {
      case 'main':
        return '';
      case 'controls':
        return t('xr.helpText');
      case 'get-help':
        return join([t('helpNow.intro'), this.helpText ?? t('helpNow.loading'), this.note]);
      case 'chat':
        return chatText(this.sources.recentChat(CHAT_LINES), this.i18n) || t('xr.chatEmpty');
      case 'people':
        return '';
      case 'person':
        return join([name, t('xr.personHint'), this.note]);
      case 'report':
        return join([this.i18n.t('report.title', { name }), t('report.reasons')]);
      case 'take-part':
      case 'offer':
      case 'tables':
        return '';
      case 'game':
        return this.game.text();
    }
  }

  private openGetHelp(): void {
    this.show('get-help');
    if (this.helpText !== undefined) return;
    void this.sources.helpText().then((text) => {
      // Kept only once loaded: a failed fetch is tried again on the next visit to the page.
      if (text) this.helpText = text;
      else this.note = this.i18n.t('helpNow.none');
    });
  }

  private async alert(): Promise<void> {
    const delivered = await this.sources.alert();
    this.note = this.i18n.t(
      delivered === undefined
        ? 'helpNow.alertFailed'
        : delivered > 0
          ? 'helpNow.alertSent'
          : 'helpNow.alertNobody',
    );
  }

  private async report(reason: ReportReason): Promise<void> {
    const target = this.target;
    if (!target) return;
    const sent = await this.sources.report(target, reason);
    this.show('person');
    this.note = this.i18n.t(sent ? 'report.sent' : 'helpNow.alertFailed');
  }

  private async block(): Promise<void> {
    const target = this.target;
    if (!target) return;
    if (!this.confirmingBlock) {
      this.confirmingBlock = true;
      return;
    }
    this.confirmingBlock = false;
    if (await this.sources.block(target)) {
      this.target = undefined;
      this.show('people');
    }
  }
}

function join(parts: readonly string[]): string {
  return parts.filter(Boolean).join('\n\n');
}

function chatText(lines: readonly { name: string; text: string }[], i18n: Translator): string {
  return lines
    .map(({ name, text }) => {
      const line = i18n.t('common.labelled', { label: name, value: text });
      return line.length > CHAT_CHARS ? `${line.slice(0, CHAT_CHARS - 1)}…` : line;
    })
    .join('\n');
}
