import { z } from 'zod';

/**
 * Where to find help outside the circle (crisis lines, support services), chosen by whoever
 * runs the server and served at `GET /help-resources`. The server checks the file against this
 * schema at start, so a client can trust the shape.
 */
export const HELP_RESOURCES_PATH = '/help-resources';

const phone = z.string().regex(/^\+?[0-9][0-9 ()-]{1,30}$/, 'a phone number: digits, spaces, ()-');
const httpUrl = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'an http(s) URL');

export const helpContactSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phone'), value: phone }),
  z.strictObject({ kind: z.literal('url'), value: httpUrl }),
  z.strictObject({ kind: z.literal('text'), value: z.string().trim().min(1).max(200) }),
]);

export const helpResourceSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(300),
  contact: helpContactSchema,
  /** When it is open, for a place people visit or call ("weekdays 9:00–17:00"). */
  hours: z.string().trim().min(1).max(120).optional(),
  /**
   * `false` marks an entry nobody has checked yet (numbers and hours change), and the client
   * says so next to it. Absent means the operator has checked it.
   */
  verified: z.boolean().optional(),
});

const list = z.array(helpResourceSchema).max(20);

const stepList = z.array(z.string().trim().min(1).max(160)).max(30);

const notice = z.string().max(300);

/**
 * A reminder shown above the list, e.g. that an example file must be checked before use: one
 * text for every language, or one per language.
 */
export const helpNoticeSchema = z.union([
  notice,
  z.strictObject({ en: notice.optional(), ja: notice.optional() }),
]);

export const helpResourcesSchema = z.strictObject({
  _notice: helpNoticeSchema.optional(),
  en: list,
  ja: list,
  /**
   * "Places near you" on the entrance: support to visit or call when ready (the regional
   * support centre), kept apart from the crisis lines above, which "Get help now" shows.
   */
  places: z.strictObject({ en: list, ja: list }).optional(),
  /**
   * Small steps outside the home ("open a window", "walk to the post box"), one of which the
   * closing screen and "Your steps" may suggest. Never a task: only ever offered.
   */
  smallSteps: z.strictObject({ en: stepList, ja: stepList }).optional(),
});

export type HelpContact = z.infer<typeof helpContactSchema>;
export type HelpNotice = z.infer<typeof helpNoticeSchema>;
export type HelpResource = z.infer<typeof helpResourceSchema>;
export type HelpResources = z.infer<typeof helpResourcesSchema>;
