/**
 * What the action's Node processes run on during the benchmark.
 *
 * Node: scripts/bench.sh runs the benchmark, and so every `node dist/index.js`, on Node 24, the runtime
 * action.yml declares, when it can fetch it (this machine's own Node is 20); `process.execPath` is that Node.
 *
 * Environment: this machine sets NODE_EXTRA_CA_CERTS (a CA bundle for its network's proxy), which Node reads at
 * start-up. GitHub-hosted runners do not set it (self-hosted runners behind a TLS-inspecting proxy do), so the
 * action's figures are taken without it, and the start-up and merges are measured again with the machine's
 * setting, in the same alternation, for the report to show what it costs.
 */

/** This machine's NODE_EXTRA_CA_CERTS, when it sets one. */
export const ExtraCaCerts: string | undefined = process.env.NODE_EXTRA_CA_CERTS || undefined

/** Overrides for a Node child: the variable unset (spawn leaves out undefined values), as on a hosted runner. */
export const HostedRunnerEnv: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: undefined }

/** Overrides for a Node child: this machine's own setting. */
export const MachineEnv: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: ExtraCaCerts }
