/** English copy for how someone takes part; spread into en.ts. */
export const enTakingPart = {
  'takePart.legend': 'How would you like to take part today?',
  'takePart.hint': 'Every way is welcome, and you can change it at any time inside.',
  'takePart.present': 'Just be here',
  'takePart.presentAbout': 'No microphone. Your avatar sits quietly, and nobody will call on you.',
  'takePart.listen': 'Listen',
  'takePart.listenAbout': 'Hear the circle without a microphone. Nobody will call on you.',
  'takePart.write': 'Write',
  'takePart.writeAbout': 'Take part in the chat, without a microphone.',
  'takePart.speak': 'Speak',
  'takePart.speakAbout':
    'Use your microphone when you wish. Rounds include you; you may always pass.',
  'takePart.now': 'How I take part',
  'takePart.changed': 'You now take part by: {choice}.',
  'takePart.micReady':
    'Your microphone is ready and still off. Turn it on when you would like to speak.',
  'takePart.shown.present': 'just here',
  'takePart.shown.listen': 'listening',
  'takePart.shown.write': 'writing',
  'takePart.shown.speak': 'speaking',
  'takePart.menu': 'Take part',
  'takePart.menuHint': 'How would you like to take part?',
  'piece.offered': 'You are offered the talking piece. Take it if you wish, or let it go by.',
  'piece.offeredTo': 'The talking piece is offered to {name}.',
  'piece.accept': 'Take the piece',
  'piece.decline': 'Let it go by',
  'families.shareHeading': 'Telling someone at home about Engawa',
  'families.shareBody':
    'If you would like the person at home to know Engawa is here, a short note they can read alone, in their own time, asks less of them than a conversation. Say it once, and leave it with them: no follow-up questions, no reminders. Whether they ever come is theirs to decide.',
  'families.shareLanguage': 'Language of the message',
  'families.shareText': 'A message you can copy and send as it is, or change',
  'families.copy': 'Copy the message',
  'families.copied': 'Copied. Paste it wherever they read messages.',
  'families.copyFailed':
    'It could not be copied here; the message is selected, so you can copy it yourself.',
  'families.invitation':
    'Hello. I came across a place called Engawa and wanted to let you know about it, just in case.\n\nIt is a small, quiet gathering you can join from home, in a web browser or a VR headset, under any name you like. The camera is never used, and you can simply listen.\n\nWhether you ever go is entirely up to you, and you don’t need to reply or tell me.\n\nIn case you are curious one day: {url}',
  'closing.stepHeading': 'A small step outside',
  'closing.stepIntro': 'Only if you feel like it, today or another day:',
  'closing.stepDefault': 'Open a window and feel the air for a minute.',
  'closing.nextHeading': 'Coming up',
  'closing.helpHeading': 'If you would like someone to talk to',
};
