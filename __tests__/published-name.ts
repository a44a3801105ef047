/**
 * The one name users write: the GitHub repository the action is published under, taken from package.json's
 * `repository` (which npm's provenance also checks), so README, workflows and tests cannot disagree.
 */
import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  repository: { url: string }
}

/** `owner/name`, e.g. for `uses: owner/name@v1`. */
export const ActionRepository = /github\.com\/([^/]+\/[^/]+?)(\.git)?$/.exec(pkg.repository.url)![1]!

/** How users refer to the action and to the reusable workflow: always the major tag. */
export const Uses = {
  action: `${ActionRepository}@v1`,
  reusableWorkflow: `${ActionRepository}/.github/workflows/build-multiarch.yml@v1`,
}
