import type { enSteps } from './en-steps';

/** 「あなたの歩み」と休憩のおしらせの文言。ja.ts に展開する。 */
export const jaSteps: Record<keyof typeof enSteps, string> = {
  'steps.open': 'あなたの歩み',
  'steps.heading': 'あなたの歩み',
  'steps.intro':
    'ここで過ごしてきたことを、あなたのためだけに残しておく記録です。ひとつの歩みが、縁側の鉢植えひとつになります。続けなければいけないものではありません。急がなくて大丈夫です。',
  'steps.gardenLabel': '縁側の鉢植え',
  'steps.gardenEmpty':
    '縁側はまだがらんとしています。会に参加すると、ここに最初の鉢植えが置かれます。あなたのペースで大丈夫です。',
  'steps.listHeading': 'これまでの歩み',
  'steps.item': '{what}（{date}）',
  'steps.first.stayedToEnd': 'はじめて最後までいました',
  'steps.first.wrote': 'はじめてチャットに書きました',
  'steps.first.spoke': 'はじめて声で話しました',
  'steps.first.shared': 'はじめてトーキングピースを持って話しました',
  'steps.first.socialEvent': 'はじめて交流会に参加しました',
  'steps.first.oneToOne': 'はじめて個別の相談を受けました',
  'steps.first.outside': '外の場所に出かけました',
  'steps.visit.support': '語り合いの会に参加しました',
  'steps.visit.family': '家族の会に参加しました',
  'steps.visit.oneToOne': '個別の相談を受けました',
  'steps.visit.social': '交流会に参加しました',
  'steps.nextHeading': '次の小さな一歩',
  'steps.nextNote': 'ひとつの提案です。急がなくても、やらなくても大丈夫です。',
  'steps.next.come':
    '一度、会に来て座ってみませんか。何も話さなくてかまいません。聞いているだけで十分です。',
  'steps.next.stay':
    '次に来たとき、大丈夫そうなら、一度最後までいてみませんか。途中で退出したくなったら、いつでもそうしてかまいません。',
  'steps.next.write': 'チャットに一行だけ書いてみませんか。「こんにちは」だけでも十分です。',
  'steps.next.speak':
    '話せそうなときに、ひとことだけ声に出してみませんか。「こんにちは」や「パスします」だけでもかまいません。',
  'steps.next.oneToOne': '個別の相談があれば、相談員と話してみるのもひとつです。',
  'steps.next.social': 'おしゃべりをするだけの交流会に、来てみるのもひとつです。',
  'steps.next.outside':
    '出かけられそうだと感じたら、外の場所をたずねてみるのもひとつです。はじめのページの「お近くの相談先」ものぞいてみてください。',
  'steps.next.place': '出かけられそうだと感じたら、{name}をたずねてみるのもひとつです。',
  'steps.next.placeAbout':
    '出かけられそうだと感じたら、{name}をたずねてみるのもひとつです。{description}',
  'steps.next.small': '画面から少し離れて、こんな小さな一歩はどうでしょう。{step}',
  'steps.next.again': 'また来たくなったら、いつでも、そのままのあなたで来てください。',
  'steps.outsideHeading': '外へ',
  'steps.outside': '外の場所に出かけた',
  'steps.outsideHint':
    '相談窓口や図書館、カフェなど、外の場所に出かけられたら、自分でチェックを入れてください。ここに鉢植えがひとつ増えるだけで、ほかの人には伝わりません。',
  'steps.outsideAdded': '外に出かけた鉢植えを、縁側に置きました。',
  'steps.outsideRemoved': 'チェックを外しました。',
  'steps.breakHeading': 'ひと休みのおしらせ',
  'steps.recordHeading': 'この記録について',
  'steps.privacy':
    'この記録は、このブラウザーの中にだけ残ります。Engawaのサーバーに送られることはなく、ほかの人が見ることもありません。ブラウザーのサイトデータを消すと、この記録も消えます。',
  'steps.export': 'ファイルにコピーを保存する',
  'steps.exported': '記録のコピーを、この端末にファイルとして保存しています。',
  'steps.erase': '記録を消す',
  'steps.eraseTitle': '記録を消しますか？',
  'steps.eraseBody':
    'このブラウザーから、すべての鉢植えと日付が消えます。元には戻せません。残しておきたいときは、先にファイルに保存してください。',
  'steps.eraseConfirm': '消す',
  'steps.eraseCancel': '消さない',
  'steps.erased': 'このブラウザーから記録を消しました。',
  'balance.note':
    '今日はEngawaで、長めの時間を過ごしています。少しひと休みしませんか。水を一杯飲んだり、体をのばしたり、窓の外をながめたり。ここはこのまま待っています。',
  'balance.close': 'ありがとうございます',
  'balance.change': 'おしらせのタイミングを変える',
  'balance.limitLabel': 'ひと休みをおすすめするまでの時間（1日あたり）',
  'balance.limitHint':
    '選ぶとすぐに保存されます。おしらせが出るだけで、使えなくなることはありません。',
  'balance.choiceDefault': '標準（{time}）',
  'balance.choiceDefaultOff': '標準（おしらせなし）',
  'balance.choiceOff': 'おしらせしない',
  'balance.hour': '1時間',
  'balance.hours': '{hours}時間',
  'balance.hourMinutes': '1時間{minutes}分',
  'balance.hoursMinutes': '{hours}時間{minutes}分',
  'balance.minutes': '{minutes}分',
  'balance.minute': '1分',
};
