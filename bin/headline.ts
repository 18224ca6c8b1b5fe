// The first sentence of a scenario's description: what `list` and `run` print as its one line.
export function headline(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  const match = /^.*?[.?!](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}
