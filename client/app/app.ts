import { WordChainPanel } from '../activity/word-chain-panel';
import { WordChainPlay } from '../activity/word-chain-play';
import { CirclePanel } from '../circle/circle-panel';
import { showReactions } from '../circle/reactions';
import { showVoiceControls } from '../circle/voice-panel';
import { TakingPartControl } from '../circle/taking-part-control';
import { CommandBus } from '../commands/command-bus';
import { HelpPanel } from '../commands/help-panel';
import { attachKeyboardShortcuts } from '../commands/keyboard-shortcuts';
import { OverlayControls } from '../commands/overlay-controls';
import { Announcements } from '../facilitation/announcements';
import { wireEndDialog } from '../facilitation/end-dialog';
import { FacilitationController } from '../facilitation/facilitation-controller';
import { HostNotices } from '../facilitation/host-notices';
import { helpResourcesText, loadHelpResources } from '../facilitation/help-resources';
import type { Translator } from '../i18n/i18n';
import { attachLanguageSelect } from '../i18n/language-select';
import { EntranceList } from '../entrance/entrance-list';
import { GatheringScreen } from '../entrance/gathering-screen';
import { PlacesNearYou } from '../entrance/places-near-you';
import { ClosingScreen } from '../entrance/closing-screen';
import { FamilyInvitation } from '../entrance/family-invitation';
import { LobbyController } from '../lobby/lobby-controller';
import { fillReassurances } from '../lobby/reassurance';
import { SignalingClient } from '../net/signaling-client';
import type { SessionMemory } from '../stay/saved-session';
import type { KnockMemory } from '../stay/saved-knock';
import { feedStayFromServer } from '../stay/server-feed';
import { announceStayChanges } from '../stay/stay-announcer';
import { StayFlow } from '../stay/stay-flow';
import { StayStore } from '../stay/stay-store';
import { FarTables } from '../murmur/far-tables';
import { TablesMenu } from '../tables/tables-menu';
import { TablesPanel } from '../tables/tables-panel';
import { byId, showScreen } from '../ui/dom';
import { StatusLine } from '../ui/status-line';
import { followStickyTop } from '../ui/sticky-top';
import { exposeDiagnostics } from './diagnostics';
import { followPresence, handlePresenceCommands } from './presence-commands';
import { SceneController } from './scene-controller';
import { SmallSteps } from './small-steps';
import type { ViewPreference } from './view-preference';
import { VoiceController } from './voice-controller';

/**
 * Assembles the page. The stay store owns what the page knows; the server feed and the flow
 * change it; controllers and views subscribe to it. Nothing here is on the way of a message.
 */
export class App {
  private readonly store = new StayStore();
  private readonly commands = new CommandBus();
  private readonly status = new StatusLine(byId('status-line'));
  private readonly client = new SignalingClient();
  private readonly disposers: (() => void)[] = [];
  private readonly lobby: LobbyController;
  private readonly entrance: EntranceList;
  private readonly places: PlacesNearYou;
  private readonly gathering: GatheringScreen;
  private readonly voice: VoiceController;
  private readonly scene: SceneController;
  private readonly facilitation: FacilitationController;
  private readonly notices: HostNotices;
  private readonly panel: CirclePanel;
  private readonly takingPart: TakingPartControl;
  private readonly tables: TablesPanel;
  private readonly wordChain: WordChainPlay;
  private readonly wordChainPanel: WordChainPanel;
  private readonly farTables: FarTables;
  private readonly closing: ClosingScreen;
  private readonly families: FamilyInvitation;
  private readonly smallSteps: SmallSteps;
  private readonly announcements: Announcements;
  private readonly flow: StayFlow;

  constructor(
    private readonly i18n: Translator,
    sessions: SessionMemory,
    knocks: KnockMemory,
    view: ViewPreference,
  ) {
    const { store, commands, status, client } = this;
    this.lobby = new LobbyController(i18n, client, {
      created: (entered) => {
        this.flow.entered(entered);
      },
      knocked: (name, title, knock, admitted) => {
        this.flow.knocked(name, title, knock, admitted);
      },
    });
    this.entrance = new EntranceList(i18n, client);
    this.places = new PlacesNearYou(i18n);
    this.closing = new ClosingScreen(i18n, client);
    this.families = new FamilyInvitation(i18n);
    this.gathering = new GatheringScreen(i18n, client, {
      knock: (code) => {
        this.lobby.showJoin(code);
      },
      entered: (entered) => {
        this.flow.entered(entered);
      },
      lobbyChoices: () => this.lobby.choices(),
    });
    this.voice = new VoiceController(i18n, client, status, commands, store);
    this.facilitation = new FacilitationController(i18n, client, status, store);
    const facilitation = this.facilitation;
    const notices = (this.notices = new HostNotices(store, i18n));
    this.announcements = new Announcements(i18n, client, store);
    this.wordChain = new WordChainPlay(i18n, client, store, status);
    this.scene = new SceneController(i18n, this.voice, commands, status, view, store, {
      holdingPiece: () => facilitation.holdingPiece(),
      pieceOffered: () => facilitation.pieceOffered(),
      answerOffer: (accept) => {
        facilitation.answerOffer(accept);
      },
      helpText: async () => {
        const resources = await loadHelpResources();
        return resources && helpResourcesText(resources, i18n);
      },
      alert: () => facilitation.alertFacilitators(),
      recentChat: (count) => facilitation.recentChat(count),
      report: (memberId, reason) => facilitation.reportMember(memberId, reason),
      block: (memberId) => facilitation.blockMember(memberId),
      // A host's own notices first (a knock, a call for help); otherwise an announcement.
      notice: () => notices.latestText() ?? this.announcements.latestText(),
      takingPart: () => this.takingPart.current(),
      chooseTakingPart: (choice) => void this.takingPart.choose(choice),
      wordChain: this.wordChain,
      tables: new TablesMenu(i18n, client, store),
    });
    this.takingPart = new TakingPartControl(i18n, client, store, this.voice, status);
    this.tables = new TablesPanel(i18n, client, store, status);
    this.wordChainPanel = new WordChainPanel(i18n, this.wordChain, store);
    this.farTables = new FarTables(client, store, this.voice, (memberId, speaking) => {
      this.scene.showSpeaking(memberId, speaking);
    });
    this.smallSteps = new SmallSteps(i18n, client, store, this.voice);
    this.panel = new CirclePanel(store, i18n, client, status, this.voice, (member) =>
      facilitation.rowMenu(member),
    );
    this.flow = new StayFlow({
      client,
      store,
      sessions,
      knocks,
      status,
      i18n,
      lobby: this.lobby,
      voice: this.voice,
      scene: this.scene,
      closed: (kind, inCircle) => {
        this.smallSteps.closed(kind, inCircle);
        void this.closing.showAsync(kind);
      },
    });
    const overlay = new OverlayControls(commands, i18n);
    const help = HelpPanel.fromPage(commands, i18n);
    this.disposers.push(
      feedStayFromServer(client, store),
      announceStayChanges(store, status, i18n),
      followPresence(store, commands),
      showVoiceControls(this.voice),
      showReactions(
        client.socket,
        store,
        (memberId, reaction) => {
          this.scene.showReaction(memberId, reaction);
        },
        status,
        i18n,
      ),
      ...handlePresenceCommands(commands, client, status, i18n),
      ...this.handleCircleCommands(),
      this.scene.attachToggle(),
      attachKeyboardShortcuts(commands, { enabled: () => store.inCircle !== undefined }),
      wireEndDialog((message) => {
        void client.request('circle:end', message === undefined ? {} : { message });
      }),
    );
    // Torn down in reverse: the flow first (it leaves the circle), the connection last.
    this.disposers.push(
      () => {
        this.lobby.dispose();
        this.entrance.dispose();
        this.places.dispose();
        this.closing.dispose();
        this.families.dispose();
        this.smallSteps.dispose();
        this.announcements.dispose();
        this.gathering.dispose();
        overlay.dispose();
        help.dispose();
        this.panel.dispose();
        this.takingPart.dispose();
        this.tables.dispose();
        this.wordChainPanel.dispose();
        this.farTables.dispose();
        this.scene.dispose();
        this.facilitation.dispose();
        this.notices.dispose();
        this.voice.dispose();
        this.commands.dispose();
        this.client.dispose();
      },
      () => {
        this.flow.dispose();
      },
    );
  }

  /** Commands about the view and the stay itself; presence ones live in presence-commands. */
  private handleCircleCommands(): (() => void)[] {
    return [
      this.commands.handle('piece.pass', () => {
        this.facilitation.passPiece();
      }),
      this.commands.handle('view.recenter', () => {
        this.scene.handle?.recenter();
      }),
      this.commands.handle('xr.enter', () => {
        void this.scene.enterXr().catch((error: unknown) => {
          console.error('Could not enter VR', error);
        });
      }),
      this.commands.handle('circle.leave', (_command, source) => {
        // In a headset a stray trigger pull is easy: leaving asks a second time there.
        if (source === 'vr' && !this.scene.confirmLeaveInXr()) return;
        void this.flow.leave();
      }),
    ];
  }

  start(): void {
    if (new URLSearchParams(location.search).has('diagnostics')) {
      this.disposers.push(exposeDiagnostics(this.voice, this.scene, this.commands, this.farTables));
    }
    fillReassurances(document);
    this.i18n.apply(document);
    this.disposers.push(
      followStickyTop(byId('top'), document.documentElement),
      attachLanguageSelect(this.i18n, () => {
        this.panel.render();
        this.facilitation.render();
        this.scene.render();
      }),
    );
    const params = new URLSearchParams(location.search);
    const code = params.get('code');
    const gathering = params.get('g');
    void this.entrance.refreshAsync();
    void this.places.loadAsync();
    this.smallSteps.start();
    if (this.flow.waitAgain()) {
      // Reloaded while waiting: the waiting screen is up, and the place is taken back.
    } else if (code) {
      this.lobby.showJoin(code);
    } else if (gathering) {
      this.gathering.show(gathering, params.get('invite') ?? undefined);
    } else {
      showScreen('start');
    }
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0).reverse()) dispose();
  }
}
