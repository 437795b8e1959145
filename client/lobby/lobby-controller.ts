import type { KnockAdmission } from '../../shared/protocol/server-events';
import type { EnteredCircle } from '../../shared/circle/views';
import { unpackEntered } from '../../shared/circle/wire-views';
import type { Ack } from '../../shared/protocol/ack';
import type { OwnGathering } from '../../shared/gathering/gathering';
import type { ServerFeatures } from '../../shared/protocol/answers';
import { ErrorCode } from '../../shared/protocol/errors';
import type { KnockResumeInput } from '../../shared/protocol/schemas';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { browserStorage } from '../ui/browser-storage';
import { byId, listen, showScreen } from '../ui/dom';
import { stopStream } from '../voice/microphone';
import { ColorMemory, ColorPicker } from './color-picker';
import { deviceToken } from './device-token';
import { FacilitatorScreen, facilitatorKeyMemory } from './facilitator-screen';
import { clearFormError, readCreateForm, readJoinForm, showFormError } from './lobby-forms';
import { MicCheck, type MicChoice } from './mic-check';
import { ScheduleForm } from './schedule-form';
import { RulesPreview } from './rules-preview';
import { TakingPartChoice } from './taking-part-choice';
import { takingPartPolicy } from '../../shared/circle/taking-part';

/** What voice starts with for someone who chose not to use a microphone. */
const NO_MICROPHONE: MicChoice = { stream: undefined, startMuted: true, problem: undefined };

export interface LobbyHooks {
  /** The circle this person just started. */
  created(entered: EnteredCircle): void;
  /** Their knock on the circle with this title was accepted; they now wait to be let in. */
  /** `admitted`: a drop-in event let the knock straight in. */
  knocked(name: string, title: string, knock: KnockResumeInput, admitted?: KnockAdmission): void;
}

/** Which form field an error from the server is about. */
function fieldFor(code: ErrorCode): string {
  if (code.startsWith('name_')) return 'name';
  switch (code) {
    case ErrorCode.TitleInvalid:
      return 'title';
    case ErrorCode.TopicInvalid:
      return 'topic';
    case ErrorCode.RulesInvalid:
      return 'rules';
    case ErrorCode.RulesNotAccepted:
      return 'acceptRules';
    case ErrorCode.PrivateVoiceUnavailable:
      return 'privateVoice';
    default:
      return 'code';
  }
}

/**
 * The way in: Start and Join, their forms checked by the same rules as the server's, and the
 * microphone check. The microphone chosen here is handed over when the circle's voice starts.
 */
export class LobbyController {
  private readonly micCheck: MicCheck;
  private readonly takingPart: TakingPartChoice;
  private readonly colors: ColorPicker;
  private readonly preview: RulesPreview;
  private readonly facilitator: FacilitatorScreen;
  private readonly scheduleForm: ScheduleForm;
  private readonly colorMemory: ColorMemory;
  private readonly device: string;
  private readonly rulesBox = byId<HTMLTextAreaElement>('create-rules');
  private readonly stopFollowingLanguage: () => void;
  private mic: MicChoice | undefined;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly hooks: LobbyHooks,
    storage: Storage | undefined = browserStorage(),
  ) {
    this.micCheck = new MicCheck(i18n);
    this.takingPart = new TakingPartChoice(storage);
    this.colors = new ColorPicker(i18n, new ColorMemory(storage), [
      byId('create-color-swatches'),
      byId('join-color-swatches'),
    ]);
    this.device = deviceToken(storage);
    this.colorMemory = new ColorMemory(storage);
    this.facilitator = new FacilitatorScreen(i18n, client, facilitatorKeyMemory(storage), {
      startCircle: () => void this.goCreate(),
      schedule: () => void this.goSchedule(),
      openRoom: (id, name) => this.openRoom(id, name),
      edit: (gathering) => void this.goSchedule(gathering),
    });
    this.scheduleForm = new ScheduleForm(i18n, client, {
      key: () => this.facilitator.held()?.key,
      done: (news) => {
        this.facilitator.show('none', news);
      },
    });
    const joinForm = byId<HTMLFormElement>('join-form');
    this.preview = new RulesPreview(client, i18n, (code) => {
      showFormError(joinForm, 'code', i18n.error(code));
    });
    const codeField = byId<HTMLInputElement>('join-code');
    const createForm = byId<HTMLFormElement>('create-form');
    this.stopFollowingLanguage = i18n.onChange(() => {
      this.fillDefaultRules();
    });
    this.fillDefaultRules();
    this.disposers.push(
      this.takingPart.onChange(() => {
        this.micCheck.setNeeded(this.joinWantsMicrophone());
      }),
      listen(codeField, 'input', () => {
        clearFormError(joinForm);
        void this.preview.showFor(codeField.value);
      }),
      // The ground rules start as this language's defaults until the facilitator edits them.
      listen(this.rulesBox, 'input', () => {
        this.rulesBox.dataset.edited = 'true';
      }),
      listen(byId('go-create'), 'click', () => {
        void this.goCreate();
      }),
      listen(byId('go-facilitator'), 'click', () => {
        this.facilitator.show();
      }),
      listen(byId('go-join'), 'click', () => {
        this.showJoin();
      }),
      ...[...document.querySelectorAll<HTMLElement>('[data-action="back"]')].map((back) =>
        listen(back, 'click', () => {
          showScreen('start');
        }),
      ),
      listen(createForm, 'submit', (event) => {
        event.preventDefault();
        void this.submitCreate(createForm);
      }),
      listen(joinForm, 'submit', (event) => {
        event.preventDefault();
        void this.submitJoin(joinForm);
      }),
    );
  }

  /** Start a circle: the form, unless this server wants a key this browser does not hold. */
  private async goCreate(): Promise<void> {
    const features = await this.client.request('server:features', {});
    if (
      features.ok &&
      features.data.facilitatorAccess === 'keys' &&
      this.facilitator.held() === undefined
    ) {
      this.facilitator.show('needKey');
      return;
    }
    this.showCreate(features.ok ? features.data : undefined);
  }

  /** The schedule form: empty for a new gathering, or filled with one to change it. */
  private async goSchedule(gathering?: OwnGathering): Promise<void> {
    const features = await this.client.request('server:features', {});
    const zone = features.ok ? features.data.timeZone : '';
    if (gathering) this.scheduleForm.edit(gathering, zone);
    else this.scheduleForm.show(zone);
  }

  /** Opens a scheduled gathering's room, as starting a circle does; the refusal, if any. */
  private async openRoom(id: string, name: string): Promise<ErrorCode | undefined> {
    const key = this.facilitator.held()?.key;
    if (key === undefined) return ErrorCode.FacilitatorKeyRequired;
    this.mic ??= await this.micCheck.choiceAsync();
    const color = this.colorMemory.load();
    const result = await this.client.request('gathering:open', {
      facilitatorKey: key,
      id,
      name,
      ...(color === undefined ? {} : { color }),
    });
    if (!result.ok) return result.error.code;
    this.hooks.created(unpackEntered(result.data));
    return undefined;
  }

  private showCreate(features: ServerFeatures | undefined): void {
    this.micCheck.placeIn(byId<HTMLFormElement>('create-form'));
    showScreen('create');
    // Private voice is offered only where the server has a relay to make it real.
    const available = features?.privateVoice === true;
    const box = byId<HTMLInputElement>('create-private');
    box.disabled = !available;
    if (!available) box.checked = false;
    byId('create-private-hint').hidden = available;
  }

  showJoin(code?: string): void {
    const codeField = byId<HTMLInputElement>('join-code');
    if (code !== undefined) codeField.value = code;
    const joinForm = byId<HTMLFormElement>('join-form');
    this.micCheck.placeIn(joinForm);
    this.takingPart.placeIn(joinForm, byId('mic-check'));
    this.micCheck.setNeeded(this.joinWantsMicrophone());
    showScreen('join');
    // Coming back after a decline or a lost connection: read the rules again before knocking.
    this.preview.clear();
    void this.preview.showFor(codeField.value);
  }

  /** This browser's device token and remembered colour, as a knock sends them. */
  choices(): { device: string; color?: number } {
    const color = this.colorMemory.load();
    return { device: this.device, ...(color === undefined ? {} : { color }) };
  }

  /**
   * The microphone for the circle: the one chosen here, or opened now (after a reload), unless
   * the member takes part without one.
   */
  async takeMicrophone(wanted = true): Promise<MicChoice> {
    if (!wanted) return NO_MICROPHONE;
    return this.takeChosenMicrophone() ?? (await this.micCheck.choiceAsync());
  }

  /** Whether the way chosen for knocking uses a microphone (a participant's choice). */
  private joinWantsMicrophone(): boolean {
    return takingPartPolicy(this.takingPart.choice(), 'participant').microphone;
  }

  /** The microphone chosen here before knocking, if there is one, handed over at once. */
  takeChosenMicrophone(): MicChoice | undefined {
    const mic = this.mic;
    this.mic = undefined;
    return mic;
  }

  /** Lets go of the microphone when the person does not go in after all. */
  releaseMicrophone(): void {
    stopStream(this.mic?.stream);
    this.mic = undefined;
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.stopFollowingLanguage();
    this.releaseMicrophone();
    this.micCheck.dispose();
    this.takingPart.dispose();
    this.colors.dispose();
    this.facilitator.dispose();
    this.scheduleForm.dispose();
  }

  private async submitCreate(form: HTMLFormElement): Promise<void> {
    clearFormError(form);
    const input = readCreateForm(form);
    if (!input.ok) {
      showFormError(form, input.field, this.i18n.error(input.code));
      return;
    }
    this.mic ??= await this.micCheck.choiceAsync();
    const held = this.facilitator.held();
    const request = held ? { ...input.value, facilitatorKey: held.key } : input.value;
    const result = await this.busy(form, this.client.request('circle:create', request));
    if (!result.ok) {
      const { code } = result.error;
      if (code === ErrorCode.FacilitatorKeyRequired || code === ErrorCode.FacilitatorKeyInvalid) {
        this.facilitator.show(code);
        return;
      }
      showFormError(form, fieldFor(code), this.i18n.error(code));
      return;
    }
    this.hooks.created(unpackEntered(result.data));
  }

  private async submitJoin(form: HTMLFormElement): Promise<void> {
    clearFormError(form);
    const code = byId<HTMLInputElement>('join-code').value;
    const input = readJoinForm(form, this.preview.acceptedFor(code), this.device);
    if (!input.ok) {
      showFormError(form, input.field, this.i18n.error(input.code));
      // The rules may not be on show yet (the code was pasted and Knock pressed at once).
      if (input.field === 'acceptRules') void this.preview.showFor(code);
      return;
    }
    if (this.joinWantsMicrophone()) {
      this.mic ??= await this.micCheck.choiceAsync();
    } else {
      this.micCheck.release();
      this.mic = NO_MICROPHONE;
    }
    const result = await this.busy(
      form,
      this.client.request('circle:knock', { ...input.value, takingPart: this.takingPart.choice() }),
    );
    if (!result.ok) {
      showFormError(form, fieldFor(result.error.code), this.i18n.error(result.error.code));
      return;
    }
    const { admitted, ...knock } = result.data;
    this.hooks.knocked(
      input.value.name,
      this.preview.title,
      { code: input.value.code, ...knock },
      admitted,
    );
  }

  private fillDefaultRules(): void {
    if (this.rulesBox.dataset.edited === 'true') return;
    this.rulesBox.value = this.i18n.t('create.rulesDefault');
  }

  /** Disables a form while its request is in flight so a double click sends once. */
  private async busy<T>(form: HTMLFormElement, request: Promise<Ack<T>>): Promise<Ack<T>> {
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      return await request;
    } finally {
      for (const b of buttons) b.disabled = false;
      form.removeAttribute('aria-busy');
    }
  }
}
