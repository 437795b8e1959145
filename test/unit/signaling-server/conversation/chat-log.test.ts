import { MemoryChatLog } from '../../../../signaling-server/conversation/chat-log';
import { describeChatLog } from '../../../support/chat-log-contract';

describeChatLog('MemoryChatLog', (keep) =>
  Promise.resolve({ log: new MemoryChatLog(keep), close: () => Promise.resolve() }),
);
