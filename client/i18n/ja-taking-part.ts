import type { enTakingPart } from './en-taking-part';

/** 参加のしかたの文言。ja.ts に展開する。 */
export const jaTakingPart: Record<keyof typeof enTakingPart, string> = {
  'takePart.legend': '今日は、どんなふうに参加しますか？',
  'takePart.hint': 'どの参加のしかたでも歓迎です。入ったあとも、いつでも変えられます。',
  'takePart.present': 'ただ、その場にいる',
  'takePart.presentAbout':
    'マイクは使いません。アバターは静かに座っていて、指名されることもありません。',
  'takePart.listen': '聞く',
  'takePart.listenAbout': 'マイクを使わずに、みんなの声を聞きます。指名されることはありません。',
  'takePart.write': '書く',
  'takePart.writeAbout': 'マイクを使わずに、チャットで参加します。',
  'takePart.speak': '話す',
  'takePart.speakAbout':
    '話したいときにマイクを使います。順番に話す時間にも入ります。いつでもパスできます。',
  'takePart.now': '参加のしかた',
  'takePart.changed': '参加のしかたを「{choice}」にしました。',
  'takePart.micReady':
    'マイクの準備ができました。まだオフのままです。話したいときにオンにしてください。',
  'takePart.shown.present': 'その場にいる',
  'takePart.shown.listen': '聞いている',
  'takePart.shown.write': '書いている',
  'takePart.shown.speak': '話す',
  'takePart.menu': '参加のしかた',
  'takePart.waiting.present': 'その場にいたい',
  'takePart.waiting.listen': '聞いていたい',
  'takePart.waiting.write': '書いて参加したい',
  'takePart.waiting.speak': '話したい',
  'takePart.menuHint': 'どんなふうに参加しますか？',
  'piece.offered':
    'トーキングピースが差し出されています。受け取っても、そのまま見送ってもかまいません。',
  'piece.offeredTo': '{name}さんにトーキングピースを差し出しています。',
  'piece.accept': '受け取る',
  'piece.offeredMenu': 'トーキングピースの申し出',
  'piece.decline': '見送る',
  'families.shareHeading': '家にいる人にEngawaを伝えるには',
  'families.shareBody':
    '家にいる方にEngawaのことを知らせたいときは、面と向かって話すより、ひとりで好きなときに読める短いメッセージのほうが負担が少なくてすみます。伝えるのは一度だけにして、あとは本人にまかせましょう。感想を聞いたり、何度も勧めたりはしないでください。行くかどうかを決めるのは、本人です。',
  'families.shareLanguage': 'メッセージの言語',
  'families.shareText': 'そのまま送っても、書き換えてもよいメッセージ',
  'families.copy': 'メッセージをコピーする',
  'families.copied': 'コピーしました。ふだんメッセージを読んでいる場所に貼り付けてください。',
  'families.copyFailed':
    'ここではコピーできませんでした。メッセージを選択してあるので、手動でコピーしてください。',
  'families.invitation':
    'こんにちは。Engawa（縁側）という場所を見つけたので、いちおう知らせておきますね。\n\n家から、ブラウザーやVRヘッドセットで、好きなニックネームのまま参加できる、少人数の静かな会の場です。カメラは使わないし、聞いているだけでもいいそうです。\n\n行くかどうかはまったく自由です。返事はいりませんし、わたしに知らせなくても大丈夫です。\n\n気が向いたときのために：{url}',
  'announce.open': '全員にお知らせする',
  'announce.title': 'ここにいる全員へのお知らせ',
  'announce.label': '全員に伝えたいこと（200文字まで）',
  'announce.send': 'お知らせする',
  'announce.from': '{name}さんからのお知らせ：{text}',
  'closing.stepHeading': '外への小さな一歩',
  'closing.stepIntro': '気が向いたら、今日でも別の日でも：',
  'closing.stepDefault': '窓を開けて、一分間だけ外の空気を感じてみる。',
  'closing.nextHeading': 'これからの会',
  'closing.helpHeading': '誰かと話したくなったら',
};
