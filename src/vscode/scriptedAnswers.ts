// Modal questions the extension's own integration tests answer (VS Code refuses modal dialogs in
// ExtensionMode.Test). Reached only through the test API, which exists only in that mode.

export class ScriptedAnswers<Question> {
  private scripted: boolean[] | undefined;
  /** The questions answered from the script, in order (what the tests check). */
  readonly asked: Question[] = [];

  /**
   * Tests: answer the next questions in order instead of showing modals (true = the action, e.g. Send
   * Anyway); once the list is used up every question is answered Cancel. Undefined shows modals again.
   */
  answerWith(answers: readonly boolean[] | undefined): void {
    this.scripted = answers ? [...answers] : undefined;
    this.asked.length = 0;
  }

  /** `show` asks the user; while a script is set it is not called. */
  async ask(question: Question, show: () => Promise<boolean>): Promise<boolean> {
    if (!this.scripted) return show();
    this.asked.push(question);
    return this.scripted.shift() ?? false;
  }
}
