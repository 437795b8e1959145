import { App } from './app/app';
import { KnockMemory } from './stay/saved-knock';
import { SessionMemory } from './stay/saved-session';
import { ViewPreference } from './app/view-preference';
import { Translator } from './i18n/i18n';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** This tab's own storage: what a reload keeps and another tab does not see. */
function tabStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

const app = new App(
  Translator.fromEnvironment(),
  new SessionMemory(storage()),
  new KnockMemory(tabStorage()),
  new ViewPreference(storage()),
);
app.start();
window.addEventListener('pagehide', (event) => {
  // A page kept in the back/forward cache may come back; only a real unload tears down.
  if (!event.persisted) app.dispose();
});
