/** Mentions, channels, custom emoji, timestamps and command links as Discord writes them, and @everyone / @here. */
const DISCORD_MARKUP = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::[tTdDfFrR])?|\/[^<>:]+:\d+)>|@(?:everyone|here)(?![\p{L}\p{N}])/gu;

/**
 * Text without Discord's markup, spaces collapsed: mentions (@everyone, <@id>, <#id>), custom
 * emoji, timestamps and command links address people and places in Discord, never the articles.
 */
export function withoutDiscordMarkup(text: string): string {
  return text.replace(DISCORD_MARKUP, ' ').replace(/\s+/g, ' ').trim();
}
