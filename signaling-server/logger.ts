import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Logs record events and pseudonymous ids only. Names, chat, private messages, reports,
 * closing words, ground rules, signalling payloads, device tokens and circle codes are never
 * passed to the logger; the redaction list is a second line of defence.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { svc: 'engawa' },
    redact: {
      paths: [
        'name',
        'title',
        'topic',
        'rules',
        'text',
        'message',
        'device',
        'code',
        'signal',
        'secret',
        'credential',
        '*.name',
        '*.title',
        '*.topic',
        '*.rules',
        '*.text',
        '*.device',
        '*.code',
        '*.secret',
        '*.credential',
      ],
      remove: true,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
