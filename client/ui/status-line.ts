const KEEP = 3;

/**
 * The polite live region that says what is happening. Each message is appended rather than
 * replacing the last, so two quick events are both announced; only the latest few are kept.
 */
export class StatusLine {
  constructor(private readonly region: HTMLElement) {}

  announce(text: string): void {
    const line = document.createElement('p');
    line.textContent = text;
    this.region.append(line);
    while (this.region.childElementCount > KEEP) this.region.firstElementChild?.remove();
  }

  clear(): void {
    this.region.replaceChildren();
  }
}
