import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Logs record events and pseudonymous ids only. Names, chat, signalling payloads and circle
 * codes are never passed to the logger; the redaction list is a second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { svc: 'engawa' },
    redact: {
      paths: [
        'name',
        'title',
        'code',
        'signal',
        'secret',
        'credential',
        '*.name',
        '*.title',
        '*.code',
        '*.secret',
        '*.credential',
      ],
      remove: true,
    },
  });
}
