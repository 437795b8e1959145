import type { WordChainLanguage } from '../../shared/activity/word-chain';
import type { CircleChanges } from '../circles/circle-changes';
import type { SeatedCaller } from '../ports/caller';
import * as chain from './word-chain-rules';

/**
 * A table's word chain: started, joined, played and ended by the people at the table. The log
 * records each step by event name only: the words are the players', never written down.
 */
export class WordChainService {
  constructor(private readonly deps: { changes: CircleChanges }) {}

  start(caller: SeatedCaller, language: WordChainLanguage): Promise<null> {
    return this.change(caller, 'word_chain.started', (c, id) => chain.startChain(c, id, language));
  }

  join(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'word_chain.joined', (c, id) => chain.joinChain(c, id));
  }

  leave(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'word_chain.left', (c, id) => chain.leaveChain(c, id));
  }

  word(caller: SeatedCaller, word: string): Promise<null> {
    return this.change(caller, 'word_chain.word', (c, id) => chain.playWord(c, id, word));
  }

  pass(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'word_chain.passed', (c, id) => chain.passTurn(c, id));
  }

  end(caller: SeatedCaller): Promise<null> {
    return this.change(caller, 'word_chain.ended', (c, id) => chain.endChain(c, id));
  }

  private async change(
    caller: SeatedCaller,
    evt: string,
    rule: Parameters<CircleChanges['byMember']>[2],
  ): Promise<null> {
    await this.deps.changes.byMember(caller.seat, evt, rule, 'debug');
    return null;
  }
}
