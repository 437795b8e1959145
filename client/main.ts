import { App } from './app/app';
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

const app = new App(
  Translator.fromEnvironment(),
  new SessionMemory(storage()),
  new ViewPreference(storage()),
);
app.start();
window.addEventListener('pagehide', (event) => {
  // A page kept in the back/forward cache may come back; only a real unload tears down.
  if (!event.persisted) app.dispose();
});
