import type { Builder, BuildOutput, BuildRequest } from '../../src/builders/types.js'
import type { BuilderName } from '../../src/settings/names.js'

export interface FakeBuilder extends Builder {
  /** Every request the step made. */
  requests: BuildRequest[]
}

/** A builder whose build is `build`: it may store content in a fake registry, as buildx pushes, or write a layout. */
export function fakeBuilder(
  build: (request: BuildRequest) => Promise<BuildOutput>,
  name: BuilderName = 'buildx',
): FakeBuilder {
  const builder: FakeBuilder = {
    name,
    requests: [],
    build: async request => {
      builder.requests.push(request)
      return build(request)
    },
  }
  return builder
}
