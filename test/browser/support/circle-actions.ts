import type { Locator, Page } from 'playwright-core';

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/;

/**
 * People enter muted unless they choose otherwise; the voice tests' members choose to speak,
 * so their tone is heard from the start. (first-contact.test.ts covers the default.)
 */
async function chooseToSpeak(form: Locator): Promise<void> {
  await form.getByLabel(/with the microphone off/).uncheck();
}

/** Starts a circle through the English lobby and returns its code. */
export async function startCircle(
  page: Page,
  options: {
    title: string;
    capacity: number;
    name: string;
    privateVoice?: boolean;
    strictPiece?: boolean;
  },
): Promise<string> {
  await page.getByRole('button', { name: 'Start a circle' }).click();
  const form = page.locator('#create-form');
  await form.getByLabel('Circle title').fill(options.title);
  await form.getByLabel(/Seats/).fill(String(options.capacity));
  await form.getByLabel('Your pseudonym').fill(options.name);
  if (options.privateVoice) await form.getByLabel(/Private voice/).check();
  if (options.strictPiece) await form.getByLabel(/Strict/).check();
  await chooseToSpeak(form);
  await form.getByRole('button', { name: 'Start the circle' }).click();
  const code = page.locator('#circle-code').filter({ hasText: CODE });
  await code.waitFor();
  return code.innerText();
}

/** Knocks on a circle through the English lobby and waits in the waiting room. */
export async function knock(page: Page, code: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Join a circle' }).click();
  const form = page.locator('#join-form');
  await form.getByLabel('Circle code').fill(code);
  await form.getByLabel('Your pseudonym').fill(name);
  // The circle's ground rules appear once the code is typed; knocking needs them accepted.
  await form.getByLabel('I accept the ground rules').check();
  await chooseToSpeak(form);
  await form.getByRole('button', { name: 'Knock' }).click();
  await page.getByText('Waiting for the facilitator to let you in').waitFor();
}

export async function admit(facilitator: Page, guest: Page, name: string): Promise<void> {
  await facilitator.getByRole('button', { name: `Admit ${name}` }).click();
  await guest.locator('#people-list').getByText(name, { exact: true }).waitFor();
}

/** Sends a line to the circle's chat from this page. */
export async function sendChat(page: Page, text: string): Promise<void> {
  await page.getByLabel('Write a message to the circle').fill(text);
  await page.locator('#chat-form').getByRole('button', { name: 'Send' }).click();
}

/**
 * Opens the English facilitator screen and keeps a facilitator key there, as a facilitator does
 * once per browser. Returns the screen, where the kept key's tools now are.
 */
export async function keepFacilitatorKey(page: Page, key: string): Promise<Locator> {
  await page.getByRole('button', { name: 'I’m a facilitator' }).click();
  const screen = page.locator('#screen-facilitator');
  await screen.getByLabel('Facilitator key').fill(key);
  await screen.getByRole('button', { name: 'Keep this key' }).click();
  return screen;
}
