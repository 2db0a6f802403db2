/**
 * `npm run deploy`: registers the slash commands with Discord by bulk overwrite (PUT), to one
 * server when DISCORD_GUILD_ID is set (immediate) or globally (can take up to an hour to show).
 * Run it after changing `commands.ts`; the bot never registers commands on start.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { ConfigError, loadConfig, loadEnvFile, type Config } from '../platform/config.js';
import { discordCommands } from '../transports/discord/commands.js';

export interface DeployResult {
  readonly scope: 'guild' | 'global';
  readonly names: readonly string[];
}

/** Overwrites the application's commands with every command's definition; returns what Discord now has. */
export async function deployCommands(
  config: Pick<Config, 'discordToken' | 'discordClientId' | 'discordGuildId' | 'discordApiUrl'>,
): Promise<DeployResult> {
  const missing = [config.discordToken ? '' : 'DISCORD_TOKEN', config.discordClientId ? '' : 'DISCORD_CLIENT_ID'].filter(Boolean);
  if (missing.length > 0 || !config.discordToken || !config.discordClientId) {
    throw new ConfigError(`npm run deploy needs ${missing.join(' and ')} (see .env.example).`);
  }
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(config.discordClientId, config.discordGuildId)
    : Routes.applicationCommands(config.discordClientId);
  const registered = (await rest.put(route, { body: discordCommands() })) as RESTPutAPIApplicationCommandsResult;
  return { scope: config.discordGuildId ? 'guild' : 'global', names: registered.map((c) => c.name) };
}

async function main(): Promise<number> {
  loadEnvFile();
  try {
    const config = loadConfig();
    const result = await deployCommands(config);
    const where = result.scope === 'guild' ? `to server ${config.discordGuildId}` : 'globally (they can take up to an hour to appear)';
    process.stdout.write(`Registered ${result.names.length} commands ${where}: ${result.names.map((n) => `/${n}`).join(', ')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    // DiscordAPIError messages name the problem ("401: Unauthorized", "Invalid Form Body …") and never the token.
    process.stderr.write(`Registering the commands failed: ${(error as Error).message}\n`);
    return 1;
  }
}

// Run as a script (npm run deploy), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
