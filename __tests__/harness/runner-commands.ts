/**
 * What a GitHub runner would obey in a step's log, parsed as actions/runner's ActionCommandManager does: a line
 * (split at \n, \r or \r\n) that starts with `::name[ properties]::` after .NET's leading whitespace, or holds
 * a legacy `##[name]` anywhere; between `::stop-commands::<token>` and `::<token>::` nothing but the token.
 */
export interface ObeyedCommand {
  name: string
  line: string
}

// .NET's String.TrimStart() whitespace, then `::name[ properties]::`.
const Command =
  /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*::([^\s:]+)[^:]*::(.*)$/
const LegacyCommand = /##\[([^\s\]]+)/

export function obeyedCommands(log: string): ObeyedCommand[] {
  const commands: ObeyedCommand[] = []
  let stopToken: string | undefined
  for (const line of log.split(/\r\n|\r|\n/)) {
    const match = Command.exec(line)
    const name = match?.[1] ?? LegacyCommand.exec(line)?.[1]
    if (!name) continue
    if (stopToken) {
      if (name.toLowerCase() === stopToken.toLowerCase()) stopToken = undefined
    } else if (name === 'stop-commands') stopToken = match?.[2]
    else commands.push({ name, line })
  }
  return commands
}
