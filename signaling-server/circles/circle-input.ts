import {
  checkMessage,
  checkPseudonym,
  checkRules,
  checkTitle,
  checkTopic,
  type TextCheck,
} from '../../shared/circle/display-text';
import { EngawaError } from '../../shared/protocol/errors';
import type { ParsedInput } from '../../shared/protocol/client-events';
import type { CircleSetup } from './circle-rules';

/** The text a person typed, normalized as everyone will see it, or their error thrown. */
export function accepted(check: TextCheck): string {
  if (!check.ok) throw EngawaError.of(check.code);
  return check.value;
}

/** An optional message: blank means none, anything else must pass the message rules. */
export function optionalMessage(input: string | undefined, maxChars: number): string | undefined {
  if (input === undefined || input.trim().length === 0) return undefined;
  return accepted(checkMessage(input, maxChars));
}

/** `circle:create`'s free text checked in the order the protocol documents. */
export function readCreateInput(input: ParsedInput<'circle:create'>): {
  title: string;
  name: string;
  setup: Required<CircleSetup>;
} {
  const title = accepted(checkTitle(input.title));
  const topic =
    input.topic === undefined || input.topic.trim().length === 0
      ? null
      : accepted(checkTopic(input.topic));
  const rules = checkRules(input.rules);
  if (!rules.ok) throw EngawaError.of(rules.code);
  const name = accepted(checkPseudonym(input.name));
  return {
    title,
    name,
    setup: { topic, rules: rules.value, shareTimeS: input.shareTimeS, pieceMode: input.pieceMode },
  };
}
