import { App } from './app/app';
import { retryChunkLoads } from './app/chunk-retry';
import { KnockMemory } from './stay/saved-knock';
import { SessionMemory } from './stay/saved-session';
import { ViewPreference } from './app/view-preference';
import { Translator } from './i18n/i18n';
import { browserStorage, tabStorage } from './ui/browser-storage';

retryChunkLoads();
const app = new App(
  Translator.fromEnvironment(),
  new SessionMemory(browserStorage()),
  new KnockMemory(tabStorage()),
  new ViewPreference(browserStorage()),
);
app.start();
window.addEventListener('pagehide', (event) => {
  // A page kept in the back/forward cache may come back; only a real unload tears down.
  if (!event.persisted) app.dispose();
});
