import type { enTables } from './en-tables';

/** 交流の会の文言（予定の作成と、テーブル）。ja.ts に展開する。 */
export const jaTables: Record<keyof typeof enTables, string> = {
  'schedule.socialRulesDefault': [
    'ここで聞いた話は、ここだけにとどめます。',
    '聞くだけ、チャットだけでもかまいません。',
    'テーブルは、理由を言わずにいつでも移れます。',
    'テーブルを離れるときも、帰るときも、ひとことはいりません。',
    'あとから座った人にも、場所をあけます。',
    '録音・録画・スクリーンショットはしません。',
  ].join('\n'),
  'schedule.socialTopic': '縁側で、お茶を飲みながらおしゃべり',
  'schedule.socialSeats':
    '{min}人から{max}人まで。座布団{cushions}枚のテーブルをそれぞれが選び、いつでも移れます。',
  'tables.heading': 'テーブル',
  'tables.intro':
    '座るテーブルを選ぶか、「静かな席へ」を選んでください。いつでも移れます。あなたの声が届くのは、同じテーブルの人にだけです。',
  'tables.quiet': '静かな席へ',
  'tables.menuHint': '座るテーブルを選んでください',
  'tables.menuMove': 'ほかのテーブルへ',
  'tables.leave': 'テーブルを離れる',
  'tables.table': 'テーブル{table}',
  'tables.theme.talking': 'おしゃべりのテーブル',
  'tables.theme.quiet': '静かなテーブル',
  'tables.theme.game': 'ゲームのテーブル',
  'tables.taken': '座布団{cushions}枚のうち{taken}枚に人が座っています',
  'tables.closed': '閉じています',
  'tables.nobody': 'まだだれも座っていません。',
  'tables.peopleAt': 'テーブル{table}に座っている人',
  'tables.sit': 'テーブル{table}に座る',
  'tables.sitFull': 'テーブル{table}に座る（満席）',
  'tables.sitClosed': 'テーブル{table}に座る（閉じています）',
  'tables.here': 'あなたはここに座っています',
  'tables.themeLabel': 'テーブル{table}の種類',
  'tables.close': 'テーブル{table}を閉じる',
  'tables.open': 'テーブル{table}を開ける',
  'tables.satAt': 'テーブル{table}に座りました。',
  'tables.left': 'テーブルを離れました。もう一度座るまで、だれの声も聞こえません。',
  'tables.themeSet': 'テーブル{table}を「{theme}」にしました。',
  'tables.closedNow':
    'テーブル{table}を閉じました。新しい人は座れません。いま座っている人は、そのままいられます。',
  'tables.openNow': 'テーブル{table}をもう一度開けました。',
};
