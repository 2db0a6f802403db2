/** "1 article", "3 articles": a count with its noun (a regular plural), for messages at every layer. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
