import { askCommand } from './ask.js';
import { ASK_ACTIONS } from './ask-miss.js';
import { moveContextHandler, showContextHandler } from './context.js';
import { helpCommand } from './help.js';
import { quoteCommand } from './quote.js';
import { reloadCommand } from './reload.js';
import { sourcesCommand } from './sources.js';
import type { ActionHandler, CommandHandler } from './types.js';

export type { ActionHandler, ActionResult, CommandContext, CommandHandler, Requester, Surface } from './types.js';
export type { OptionValue, RawOptions } from './definitions.js';

/** Every command's behaviour by name; each transport dispatches to these. */
export const COMMAND_HANDLERS: ReadonlyMap<string, CommandHandler> = new Map(
  [askCommand, quoteCommand, sourcesCommand, reloadCommand, helpCommand].map((handler) => [handler.name, handler]),
);

/** Every action button's behaviour by name (see `ActionHandler`); transports with buttons dispatch to these. */
export const ACTION_HANDLERS: ReadonlyMap<string, ActionHandler> = new Map(
  [showContextHandler, moveContextHandler, ...ASK_ACTIONS].map((action) => [action.name, action]),
);
