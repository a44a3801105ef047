/**
 * The environment the action's Node process runs in during the benchmark. This machine sets NODE_EXTRA_CA_CERTS
 * (a CA bundle for its network's proxy), and Node 20 loads that file at every start, before any code of ours
 * runs: about 45 ms here. GitHub-hosted runners do not set it (self-hosted runners behind a TLS-inspecting
 * proxy do), so the action's figures are taken as a hosted runner step would run, and the machine's own
 * setting is measured beside them where the report can show its cost.
 */

/** This machine's NODE_EXTRA_CA_CERTS, when it sets one. */
export const ExtraCaCerts: string | undefined = process.env.NODE_EXTRA_CA_CERTS || undefined

/** Overrides for a Node child: the variable unset (spawn leaves out undefined values), as on a hosted runner. */
export const HostedRunnerEnv: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: undefined }
