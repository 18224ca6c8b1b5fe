// The YAML editor: a textarea with a line-number gutter; the scenario's first error (as the CLI
// words it) under it, its line marked in the gutter. Clicking the error puts the cursor there.
import type { PlaygroundError } from './simulate.js';

export class Editor {
  private lines = 0;
  private errorLine: number | undefined;

  constructor(
    readonly textarea: HTMLTextAreaElement,
    private readonly gutter: HTMLElement,
    private readonly message: HTMLElement,
  ) {
    textarea.addEventListener('scroll', () => (gutter.scrollTop = textarea.scrollTop));
    message.addEventListener('click', () => this.goToError());
  }

  get text(): string {
    return this.textarea.value;
  }

  set text(value: string) {
    this.textarea.value = value;
    this.refreshGutter();
  }

  /** Shows the error (or clears it with undefined). */
  showError(error: PlaygroundError | undefined): void {
    this.errorLine = error?.line;
    this.message.textContent = error === undefined ? '' : error.message;
    this.message.hidden = error === undefined;
    this.refreshGutter();
  }

  refreshGutter(): void {
    const count = this.textarea.value.split('\n').length;
    if (count !== this.lines) {
      this.lines = count;
      this.gutter.replaceChildren(
        ...Array.from({ length: count }, (_, i) => {
          const line = document.createElement('div');
          line.textContent = String(i + 1);
          return line;
        }),
      );
    }
    this.gutter.querySelector('.bad')?.classList.remove('bad');
    if (this.errorLine !== undefined) this.gutter.children[this.errorLine - 1]?.classList.add('bad');
    this.gutter.scrollTop = this.textarea.scrollTop;
  }

  private goToError(): void {
    if (this.errorLine === undefined) return;
    const lines = this.textarea.value.split('\n');
    const start = lines.slice(0, this.errorLine - 1).reduce((n, l) => n + l.length + 1, 0);
    this.textarea.focus();
    this.textarea.setSelectionRange(start, start + (lines[this.errorLine - 1]?.length ?? 0));
  }
}
