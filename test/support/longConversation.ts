// A stored conversation of many turns (Messages API messages), for the long-transcript e2e test and the
// streaming bench. Answers mix paragraphs, lists and code like real ones; every turn names its number
// so a test can look for it.

export interface StoredMessage {
  role: 'user' | 'assistant';
  content: string | { type: string; [key: string]: unknown }[];
}

export const questionText = (n: number): string => `Question ${n}: how does step ${n} of the parser work?`;
export const answerMarker = (n: number): string => `Answer ${n} explains`;

function answer(n: number): string {
  const parts = [
    `${answerMarker(n)} how the parser handles step ${n}. It reads the tokens, keeps **comments** and builds the tree.`,
    `- first it checks \`token${n}\`\n- then it calls \`parseStep${n}()\`\n- finally it returns the node`,
  ];
  if (n % 5 === 0) parts.push(`\`\`\`ts\nexport function parseStep${n}(input: string): Node {\n  return { kind: 'step', value: input.trim() };\n}\n\`\`\``);
  parts.push(`That is all for step ${n}.`);
  return parts.join('\n\n');
}

/** `turns` turns (half questions, half answers), oldest first; every fourth answer thought first. */
export function longConversation(turns: number): StoredMessage[] {
  const messages: StoredMessage[] = [];
  for (let n = 1; n <= turns / 2; n++) {
    messages.push({ role: 'user', content: questionText(n) });
    const content: { type: string; [key: string]: unknown }[] = [];
    if (n % 4 === 0) content.push({ type: 'thinking', thinking: `Thinking about step ${n}. `.repeat(20), signature: `sig${n}` });
    content.push({ type: 'text', text: answer(n) });
    messages.push({ role: 'assistant', content });
  }
  return messages;
}
