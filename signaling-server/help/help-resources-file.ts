import { readFileSync } from 'node:fs';
import { helpResourcesSchema, type HelpResources } from '../../shared/help/help-resources';

/**
 * Reads the operator's help resources file (`HELP_RESOURCES`) once, at start. Anything wrong
 * with it stops the server with a message naming the variable, the file and the first problem,
 * so a broken list of crisis contacts is never served.
 */
export function loadHelpResources(file: string): HelpResources {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`HELP_RESOURCES: cannot read ${file} (${why})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`HELP_RESOURCES: ${file} is not valid JSON (${why})`, { cause: error });
  }
  const parsed = helpResourcesSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? first.path.join('.') : '(top level)';
    throw new Error(
      `HELP_RESOURCES: ${file} is not a valid help resources file: ${where}: ${first?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}
