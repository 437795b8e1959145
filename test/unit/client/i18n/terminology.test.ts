import { en, type MessageKey } from '../../../../client/i18n/en';
import { ja } from '../../../../client/i18n/ja';

/**
 * The Japanese wording decisions, checked over every string rather than string by string, so a
 * new string that slips back into an old word fails here. Each entry says what to write instead.
 */
const avoided: { pattern: RegExp; instead: string }[] = [
  {
    pattern: /輪(?!になって)/u,
    instead: '会 for a gathering; 輪 only as imagery (輪になって座る)',
  },
  { pattern: /ファシリテーター/u, instead: '進行役 / 副進行役' },
  { pattern: /グラウンドルール/u, instead: 'この会の約束' },
  { pattern: /待合室/u, instead: '待機室' },
  { pattern: /入室を許可|お断り/u, instead: '迎え入れる / 今回は見送る' },
  { pattern: /チェックイン|チェックアウト/u, instead: 'はじまりのひとこと / おわりのひとこと' },
  { pattern: /(?<!トーキング)ピース/u, instead: 'トーキングピース, never ピース alone' },
  { pattern: /退出させ/u, instead: '退出してもらう' },
  { pattern: /今すぐ助け|こっそり/u, instead: 'つらいときの相談先 / 進行役にだけ知らせる' },
  { pattern: /報告/u, instead: '進行役に伝える' },
  { pattern: /ブラウザ(?!ー)/u, instead: 'ブラウザー, like サーバー' },
  { pattern: /プッシュ・?トゥ・?トーク/u, instead: '押して話す, one name everywhere' },
  { pattern: /\s+さん/u, instead: '{name}さん with no space' },
  { pattern: /:/u, instead: 'a full-width ：' },
  { pattern: /,|\s·\s/u, instead: 'a full-width 、 or a separator from the locale' },
  { pattern: /[()?!]/u, instead: 'full-width （）？！' },
  {
    pattern:
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー。、] [\p{L}\p{N}{]|[\p{L}\p{N}}] [\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}。、]/u,
    instead: 'no hand-typed spaces around Latin text or digits',
  },
  { pattern: /(?:だ|である)。/u, instead: 'です・ます throughout' },
];

const jaEntries = Object.entries(ja) as [MessageKey, string][];

describe('Japanese terminology', () => {
  it.each(avoided)('no string uses $pattern (write $instead)', ({ pattern }) => {
    const offending = jaEntries.filter(([, text]) => pattern.test(text)).map(([key]) => key);
    expect(offending).toEqual([]);
  });

  it('the rules pass their own examples, so none of them is vacuous', () => {
    const samples = [
      '輪をひらく',
      'ファシリテーター',
      'グラウンドルール',
      '待合室',
      '入室を許可',
      'チェックイン',
      'ピースを渡す',
      '退出させる',
      'こっそり',
      '報告',
      'ブラウザで',
      'プッシュ・トゥ・トーク',
      '{name} さん',
      '理由: 説明',
      'a, b',
      '(任意)',
      'VR で入る',
      '大事だ。',
    ];
    samples.forEach((sample, i) => {
      expect(avoided[i]?.pattern.test(sample)).toBe(true);
    });
    expect(samples).toHaveLength(avoided.length);
    expect(/輪(?!になって)/u.test('輪になって座る')).toBe(false);
  });

  it.each<[MessageKey, string]>([
    ['helpNow.open', 'つらいときの相談先'],
    ['helpNow.title', 'つらいときの相談先'],
    ['helpNow.alert', '進行役にだけ知らせる'],
    ['start.create', '会をひらく'],
    ['start.join', '会に参加する'],
    ['circle.end', '会を終える'],
    ['join.code', '参加コード'],
    ['role.facilitator', '進行役'],
    ['role.cofacilitator', '副進行役'],
    ['role.participant', '参加者'],
    ['host.heading', '進行'],
    ['join.rulesHeading', 'この会の約束'],
    ['join.acceptRules', '約束を大切にします'],
    ['waiting.heading', '待機室'],
    ['circle.waitingRoom', '待機室'],
    ['circle.admit', '迎え入れる'],
    ['circle.decline', '今回は見送る'],
    ['host.startCheckin', 'はじまりのひとことを回す'],
    ['host.startCheckout', 'おわりのひとことを回す'],
    ['away.stepOut', '席を外す'],
    ['circle.leave', '退出する'],
    ['member.remove', '退出してもらう'],
    ['member.report', '進行役に伝える'],
    ['report.send', '進行役に伝える'],
  ])('%s says %s', (key, text) => {
    expect(ja[key]).toBe(text);
  });

  it('glosses トーキングピース where it is first met, and only there', () => {
    const glossed = jaEntries.filter(([, text]) =>
      text.includes('トーキングピース（話す番のしるし）'),
    );
    expect(glossed.map(([key]) => key).sort()).toEqual(
      ['create.pieceMode', 'help.how1', 'piece.resting'].sort(),
    );
  });

  it('uses one name for push to talk, in the page and in the headset help', () => {
    const name = '押して話す';
    expect(ja['voice.pushToTalk']).toContain(name);
    expect(ja['command.talkStart']).toContain(`「${name}」`);
    expect(ja['xr.helpText']).toContain(`「${name}」`);
  });

  it('tells people in the report dialog that the other person is not told', () => {
    expect(ja['report.notTold']).toContain('相手には伝わりません');
    expect(en['report.notTold']).toMatch(/not told/);
  });
});

describe('the rewritten strings', () => {
  const rewritten: MessageKey[] = [
    'helpNow.open',
    'helpNow.intro',
    'helpNow.alert',
    'start.intro',
    'start.reassureCamera',
    'start.reassureListen',
    'start.reassureRecord',
    'mic.promptNote',
    'waiting.body',
    'waiting.notHeard',
    'waiting.note',
    'mic.ready',
    'mic.startMuted',
    'voice.enteredMuted',
    'voice.pushToTalk',
    'piece.resting',
    'piece.heldByYou',
    'piece.roundCheckin',
    'piece.roundCheckout',
    'self.forceMuted',
    'report.title',
    'report.notTold',
    'member.remove',
    'message.declined.body',
    'message.removed.body',
    'message.left.body',
    'circle.endConfirm',
    'host.pause',
    'pause.breathe',
    'error.rate_limited',
    'error.name_invisible',
    'create.rulesDefault',
  ];

  it.each(rewritten)('%s exists in both tables', (key) => {
    expect(en[key].trim()).not.toBe('');
    expect(ja[key].trim()).not.toBe('');
  });

  it('the two tables have exactly the same keys', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('the default rules say that passing and listening are fine, and forbid recording', () => {
    expect(ja['create.rulesDefault']).toMatch(/パス.*聞くだけ/u);
    expect(ja['create.rulesDefault']).toContain('録音・録画・スクリーンショットはしません');
    expect(ja['create.rulesDefault']).toContain('おたがいを大切にします');
  });

  it('the closing screens thank the person and point to つらいときの相談先 where it can hurt', () => {
    for (const key of [
      'message.declined.body',
      'message.removed.body',
      'message.left.body',
    ] as const) {
      expect(ja[key]).toContain('ありがとうございました');
    }
    expect(ja['message.removed.body']).toContain('つらいときの相談先');
    expect(ja['message.declined.body']).toContain('あなたのせいではありません');
  });
});
