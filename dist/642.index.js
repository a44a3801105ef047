export const id = 642;
export const ids = [642];
export const modules = {

/***/ 30642:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mergeMode: () => (/* binding */ mergeMode)
});

// EXTERNAL MODULE: ./src/core/platform.ts
var platform = __webpack_require__(90692);
// EXTERNAL MODULE: ./src/core/compose.ts
var compose = __webpack_require__(41591);
// EXTERNAL MODULE: ./src/core/reference.ts
var core_reference = __webpack_require__(55378);
// EXTERNAL MODULE: ./src/settings/names.ts
var names = __webpack_require__(14761);
// EXTERNAL MODULE: ./src/settings/values.ts
var values = __webpack_require__(535);
// EXTERNAL MODULE: ./src/core/concurrency.ts
var concurrency = __webpack_require__(88904);
// EXTERNAL MODULE: ./src/core/digest.ts
var digest = __webpack_require__(55543);
// EXTERNAL MODULE: ./src/core/manifest.ts
var manifest = __webpack_require__(84414);
// EXTERNAL MODULE: ./src/core/tag-order.ts + 1 modules
var tag_order = __webpack_require__(7140);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/registry/hosts.ts
var hosts = __webpack_require__(91604);
// EXTERNAL MODULE: ./src/transfer/copy.ts
var copy = __webpack_require__(27686);
// EXTERNAL MODULE: ./src/transfer/registry-source.ts
var registry_source = __webpack_require__(37520);
;// CONCATENATED MODULE: ./src/merge/publish.ts












/**
 * Where a publish has got to, kept up to date while it runs, so that a step cancelled mid-publish (SIGTERM) can
 * still say which tags moved.
 */
class PublishProgress {
    digest;
    /** Every `repository:tag` this publish moves or finds in place, once the tag phase has started. */
    refs = [];
    /** The refs known to point at the index now. */
    moved = new Set();
    /** The refs whose PUT is in flight, or failed without the registry telling where the tag points. */
    unknown = new Set();
    /** One line for the log: where the tags stand. */
    describe() {
        if (!this.digest || this.refs.length === 0 || (this.moved.size === 0 && this.unknown.size === 0))
            return 'No tag was moved: every tag still points where it did before this merge.';
        const notMoved = this.refs.filter(ref => !this.moved.has(ref) && !this.unknown.has(ref));
        const unknown = this.unknown.size ? ` Outcome unknown: ${[...this.unknown].join(', ')}.` : '';
        return (`Tags moved to ${this.digest}: ${this.refs.filter(ref => this.moved.has(ref)).join(', ') || 'none'}.` +
            `${unknown} Not moved: ${notMoved.join(', ') || 'none'}.`);
    }
}
/**
 * Publishes the index to every target in three phases, so no tag moves unless the whole index can land:
 * 1. every child manifest exists in every target (an existence check, else a mount or a streamed copy), and a
 *    child a record names is what the record says (size and media type as the registry reports them); in the
 *    same round, under `forward`, a HEAD per tag says where it points now (then one GET per other index held);
 * 2. the index is stored in every target where no tag holds it yet: with one such target by its first tag's PUT,
 *    sent alone (no tag moves unless it lands); with more, by digest in each (still no tag moved);
 * 3. each other tag that does not hold it, and holds nothing newer, is PUT. A failure here names the tags that
 *    moved; a re-run puts the same bytes and completes it. A re-run that finds every tag in place writes nothing.
 */
async function publishIndex(registry, index, sources, { targets, tags, policy }, { logger, reads = new registry_source/* RegistryReads */.x(), progress = new PublishProgress() }) {
    const ours = { digest: (0,digest/* sha256Digest */.sI)(index.bytes), annotations: index.annotations };
    const refs = targets.flatMap(target => tags.map(tag => ({ target, tag, ref: `${(0,core_reference/* formatRepository */.Sh)(target)}:${tag}` })));
    const plans = new Map();
    const action = (ref) => plans.get(ref).action;
    let lead;
    try {
        const asked = policy === 'forward' ? refs : [];
        const held = await checkChildrenAndTags(registry, sources, targets, asked, ours, { logger, reads });
        for (const { ref } of refs)
            plans.set(ref, (0,tag_order/* planTag */.Ao)(ours, held.get(ref), policy));
        lead = await storeIndex(registry, index, ours.digest, targets, refs, action);
    }
    catch (error) {
        throw new Error(`${error.message}\nNo tag was moved: every tag still points where it did before this merge.`, { cause: error });
    }
    const published = refs.filter(({ ref }) => action(ref) !== 'keep');
    progress.digest = ours.digest;
    progress.refs = published.map(r => r.ref);
    for (const { ref } of refs)
        reportPlan(ref, ours, plans.get(ref), logger, progress);
    const moving = published.filter(({ ref }) => action(ref) === 'move');
    if (published.length && !moving.length)
        logger.info(`Every tag already points at ${ours.digest}: nothing was written.`);
    await moveTags(registry, index, ours.digest, moving, lead, logger, progress);
    const kept = refs.filter(({ ref }) => action(ref) === 'keep').map(r => r.ref);
    return { digest: ours.digest, refs: progress.refs, kept };
}
/**
 * Phase 1: every child in every target, and where each of `refs` points now, in one parallel round; then the
 * annotations of each other index a tag holds, one GET per distinct digest (none for a tag holding ours).
 */
async function checkChildrenAndTags(registry, sources, targets, refs, ours, { logger, reads }) {
    const children = (0,compose/* distinctChildren */.oO)(sources);
    const work = [
        ...targets.flatMap(target => children.map(child => ({ target, child }))),
        ...refs.map(tagRef => ({ target: tagRef.target, tagRef })),
    ];
    const heads = new Map();
    // Mostly HEADs, all in one round; a copy among them sends its writes through the client's per-host slots.
    await (0,concurrency/* mapLimit */.s)(work, hosts/* DefaultChecksPerHost */.kH, async (job) => {
        if ('child' in job)
            return ensureChild(registry, job.child, job.target, { logger, reads });
        const found = await registry.headManifest(job.target, job.tagRef.tag);
        if (found)
            heads.set(job.tagRef.ref, { target: job.target, digest: found.digest });
    });
    const others = [...heads.values()].filter(head => head.digest !== ours.digest);
    const distinct = [...new Map(others.map(head => [head.digest, head])).values()];
    const annotations = new Map([[ours.digest, ours.annotations]]);
    await (0,concurrency/* mapLimit */.s)(distinct, hosts/* DefaultRequestsPerHost */.vD, async ({ target, digest }) => {
        const { bytes } = await registry.getManifest(target, digest);
        annotations.set(digest, (0,manifest/* parseManifestAnnotations */.Pj)(bytes, `${(0,core_reference/* formatRepository */.Sh)(target)}@${digest}`));
    });
    return new Map([...heads].map(([ref, { digest }]) => [ref, { digest, annotations: annotations.get(digest) }]));
}
/**
 * Phase 2: the index must be in every target before a second tag moves; returns the tag whose PUT must land
 * first and alone, if any. A tag that holds the index already proves a target stores it. With one target
 * lacking it, that target's first tag PUT stores it (under its digest too) as surely as a PUT by digest would,
 * so it goes first and no request is spent on the digest; with more, each gets the index by digest first.
 */
async function storeIndex(registry, index, digest, targets, refs, action) {
    const missing = targets.filter(t => !refs.some(r => r.target === t && action(r.ref) === 'in-place'));
    const lead = missing.length === 1 ? refs.find(r => r.target === missing[0] && action(r.ref) === 'move') : undefined;
    if (lead)
        return lead;
    // putManifest checks the registry's answer against the digest of the bytes it sent.
    await (0,concurrency/* mapLimit */.s)(missing, hosts/* DefaultRequestsPerHost */.vD, async (target) => {
        await registry.putManifest(target, digest, index.bytes, index.mediaType);
    });
    return undefined;
}
/** Logs what happens to a tag that is not simply moved; a tag already in place counts as published. */
function reportPlan(ref, ours, plan, logger, progress) {
    if (plan.action === 'in-place') {
        progress.moved.add(ref);
        logger.info(`${ref} already points at ${ours.digest}: not written again.`);
    }
    else if (plan.action === 'keep') {
        logger.warning(`Kept ${ref} at ${plan.held.digest} (${plan.order.theirs}): it is newer than this index ${ours.digest} ` +
            `(${plan.order.ours}). Set ${(0,values/* inputName */.yu)(names/* Input */.pd.TagPolicy)} to always to move it anyway.`);
    }
    else if (plan.held && plan.order && plan.order.order === undefined) {
        logger.info(`Moving ${ref} from ${plan.held.digest} without comparing the two: ${plan.order.why}.`);
    }
}
/** Phase 3: PUT every tag; on failure, report truthfully which tags point at the index now. */
async function moveTags(registry, index, digest, refs, lead, logger, progress) {
    // PUTs that failed without an HTTP answer: the only ones whose outcome is unknown.
    const unanswered = [];
    const put = async (tagRef) => {
        progress.unknown.add(tagRef.ref);
        try {
            await putTag(registry, index, digest, tagRef, logger, tagRef === lead);
            progress.moved.add(tagRef.ref);
        }
        catch (error) {
            if (!(0,errors/* registryErrorOf */.jR)(error))
                unanswered.push(tagRef);
            throw error;
        }
        finally {
            progress.unknown.delete(tagRef.ref);
        }
    };
    try {
        // The lead tag stores the index (phase 2): no other tag moves unless it has landed.
        if (lead)
            await put(lead);
        await (0,concurrency/* mapLimit */.s)(refs.filter(tagRef => tagRef !== lead), hosts/* DefaultRequestsPerHost */.vD, put);
    }
    catch (error) {
        // A PUT that got no answer (a connection dropped after the registry applied it) leaves the outcome unknown:
        // ask where each such tag points before saying it did not move. An HTTP answer is the registry's word.
        await (0,concurrency/* mapLimit */.s)(unanswered, hosts/* DefaultRequestsPerHost */.vD, async ({ target, tag, ref }) => {
            const now = await registry.headManifest(target, tag).catch(() => null);
            if (now === null)
                progress.unknown.add(ref);
            else if (now?.digest === digest)
                progress.moved.add(ref);
        });
        throw new Error(`${error.message}\n${progress.describe()} Re-run the merge: the index is the same, so it completes the rest.`, { cause: error });
    }
}
/**
 * PUTs one tag. A registry that refuses to overwrite an existing tag (ECR immutable repositories answer 400
 * `TAG_INVALID`, Harbor's immutability rules, Artifactory) is asked where the tag points: when that is this
 * index already, the tag is published; otherwise the error names the digest the tag holds. Registries that
 * accept the PUT pay no extra request.
 */
async function putTag(registry, index, digest, { target, tag, ref }, logger, lead = false) {
    try {
        await registry.putManifest(target, tag, index.bytes, index.mediaType);
        logger.info(`Tagged ${ref}`);
    }
    catch (error) {
        const answer = (0,errors/* finalRefusalOf */.Q7)(error);
        if (!answer)
            throw error;
        const held = await registry.headManifest(target, tag).catch(() => undefined);
        if (!held)
            throw error;
        if (held.digest === digest) {
            logger.info(`Tagged ${ref}: it already points at ${digest} (the registry refused to write it again: HTTP ${answer.status}${answer.codes.length ? ` ${answer.codes.join(', ')}` : ''})`);
            return;
        }
        // The lead tag's PUT is the first the registry sees of the index: a refusal of the index itself (denied,
        // invalid, children unknown) must be told apart from a refusal to move the tag. The index by digest says
        // which, and its own error, with its hints, stands when it is refused too.
        if (lead)
            await registry.putManifest(target, digest, index.bytes, index.mediaType);
        throw new Error(`${ref} holds ${held.digest} and ${target.registry} refused to move it to ${digest} (HTTP ${answer.status}` +
            `${answer.codes.length ? `, ${answer.codes.join(', ')}` : ''}): the repository refuses to overwrite existing tags ` +
            `(tag immutability). Publish under a new tag, or allow overwrites for this tag on the registry. The registry said: ${answer.message}`, { cause: error });
    }
}
async function ensureChild(registry, { source, descriptor }, target, { logger, reads }) {
    if ((0,core_reference/* sameRepository */.RB)(source.repository, target)) {
        // Read from this very repository moments ago (a `digests` entry, a platform check): the registry's answer
        // then serves as the existence check.
        const found = reads.manifest(target, descriptor.digest)?.descriptor ??
            (await registry.headManifest(target, descriptor.digest, { pushed: true }));
        if (found)
            return checkAgainstRecord(descriptor, found, source, target);
        throw new Error(`${(0,core_reference/* formatRepository */.Sh)(target)}@${descriptor.digest} (from ${source.origin}) was not found. ` +
            `The build step that pushed it may have failed, or pushed to another registry.`);
    }
    try {
        const from = (0,registry_source/* registrySource */.B)(registry, source.repository, reads);
        await (0,copy/* copyManifest */.nX)(registry, from, descriptor, target, { logger });
    }
    catch (error) {
        throw new Error(`Copying ${descriptor.digest} (from ${source.origin}) from ${(0,core_reference/* formatRepository */.Sh)(source.repository)} to ${(0,core_reference/* formatRepository */.Sh)(target)} failed: ${error.message}`, { cause: error });
    }
}
/**
 * A record is a claim: the registry's answer to the existence check already says the size and media type, so
 * a record that differs (containerd would fail every pull of a wrong size) costs nothing to catch.
 */
function checkAgainstRecord(recorded, found, source, target) {
    const differences = [
        found.digest !== recorded.digest && `digest ${found.digest}, not ${recorded.digest}`,
        found.size !== recorded.size && `size ${found.size} bytes, not ${recorded.size}`,
        found.mediaType !== recorded.mediaType && `media type ${found.mediaType}, not ${recorded.mediaType}`,
    ].filter(Boolean);
    if (differences.length) {
        throw new Error(`${source.origin} does not match the registry: ${(0,core_reference/* formatRepository */.Sh)(target)}@${recorded.digest} has ${differences.join('; ')}. ` +
            `The record was changed after the build step wrote it, or names another image; nothing was published.`);
    }
}

// EXTERNAL MODULE: ./src/core/descriptor.ts
var descriptor = __webpack_require__(96090);
// EXTERNAL MODULE: ./src/core/logger.ts
var core_logger = __webpack_require__(11227);
// EXTERNAL MODULE: ./src/core/selection.ts
var selection = __webpack_require__(96745);
// EXTERNAL MODULE: ./src/transfer/inspect.ts + 1 modules
var inspect = __webpack_require__(63270);
;// CONCATENATED MODULE: ./src/merge/sources.ts












/**
 * The records of this run for these images, as platform sources. Records were checked against their image
 * configs by the build step, so they cost no request here; the publish step's existence checks verify them.
 */
async function sourcesFromRecords(settings, transport, registry, logger, reads) {
    const { selected, ignored } = (0,selection/* selectRecords */.j)(await transport.list(), settings.images, settings.run);
    const skipped = ignored.map(({ source, reason }) => `Skipped digest record ${source}: ${reason}.`);
    (0,core_logger/* logSkipped */.fc)(logger, skipped, 'digest records');
    const wanted = new Set(settings.images.map(core_reference/* formatRepository */.Sh));
    const sources = selected.map(({ record, source }) => {
        const image = record.manifests.find(m => !(0,descriptor/* isAttestation */.H3)(m));
        // Only repositories the user listed are read from: a record cannot point the merge elsewhere.
        const repository = (0,core_reference/* parseRepository */.SU)(record.images.find(i => wanted.has(i)), `Digest record ${source}`);
        return {
            platform: (0,platform/* parsePlatform */.Y8)(record.platform, `Digest record ${source}`),
            image,
            attestations: record.manifests.filter(descriptor/* isAttestation */.H3),
            repository,
            origin: source,
        };
    });
    if (settings.verifyPlatforms) {
        await (0,concurrency/* mapLimit */.s)(sources, hosts/* DefaultRequestsPerHost */.vD, source => checkRecordPlatform(registry, source, reads));
        logger.info(`Checked the platform of ${sources.length} record(s) against their image configs.`);
    }
    return sources;
}
/** The record's platform is the build step's word; here the image config, what clients trust, is read. */
async function checkRecordPlatform(registry, source, reads) {
    const content = (0,registry_source/* registrySource */.B)(registry, source.repository, reads);
    await (0,inspect/* inspectImage */.m)(content, source.image, source.origin, source.platform);
}
/**
 * Sources named in `digests`: resolved and checked against their image configs, since no build step did. An
 * entry by digest that a record already names is that record's image (a digest names its bytes): the record's
 * source stands for both, and is checked against its config as the entry would have been (once, with what the
 * merge reads anyway, unless `verify-platforms` checked every record already).
 */
async function sourcesFromDigests(settings, registry, { fromRecords, reads, logger, }) {
    const recorded = new Map(fromRecords.map(source => [source.image.digest, source]));
    const named = settings.digests.map(entry => ({
        entry,
        record: entry.reference.digest ? recorded.get(entry.reference.digest) : undefined,
    }));
    const stoodFor = named.filter(n => n.record).map(n => ({ text: n.entry.text, record: n.record }));
    await (0,concurrency/* mapLimit */.s)(stoodFor, hosts/* DefaultRequestsPerHost */.vD, async ({ text, record }) => {
        logger.info(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Digests)} entry '${text}' is the image of ${record.origin}: used once.`);
        if (!settings.verifyPlatforms)
            await checkRecordPlatform(registry, record, reads);
    });
    const entries = named.filter(n => !n.record).map(n => n.entry);
    return (0,concurrency/* mapLimit */.s)(entries, hosts/* DefaultRequestsPerHost */.vD, entry => resolveDigestSource(entry, registry, reads));
}
async function resolveDigestSource({ text, reference }, registry, reads) {
    const where = `${(0,values/* inputLabel */.NB)(names/* Input */.pd.Digests)} entry '${text}'`;
    const repository = reference.repository;
    const ref = reference.digest ?? reference.tag;
    // The registry's own errors (denied, too large, not JSON, gave up) do not know which entry asked: every
    // registry read is named here; inspectImage names its own findings with `where`.
    const named = (read) => read.catch(error => {
        throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    // One GET, not a HEAD and then a GET: the bytes are needed anyway, and a GET counts one pull as the HEAD
    // and GET did (Docker Hub counts the GET alone).
    const manifest = await named(registry.getManifest(repository, ref).catch(error => {
        if ((0,errors/* registryErrorOf */.jR)(error)?.status === 404)
            return undefined;
        throw error;
    }));
    if (!manifest) {
        throw new Error(`${where}: ${(0,core_reference/* formatReference */.FH)(reference)} was not found. Check the digest or tag and that it was pushed to ${(0,core_reference/* formatRepository */.Sh)(repository)}.`);
    }
    const { descriptor } = manifest;
    reads.keepManifest(repository, manifest);
    const source = (0,registry_source/* registrySource */.B)(registry, repository, reads);
    const inspected = await (0,inspect/* inspectImage */.m)({
        ...source,
        readManifest: d => named(source.readManifest(d)),
        openBlob: (d, options) => named(source.openBlob(d, options)),
    }, descriptor, where);
    return { ...inspected, repository, origin: where };
}

;// CONCATENATED MODULE: ./src/merge/merge-step.ts








/**
 * Collects the platform sources, checks them, composes the index and publishes it. Every check runs before
 * the first write, so bad input publishes nothing.
 */
async function runMerge(settings, context) {
    const { registry, transport, logger, group } = context;
    let leftOut = [];
    // Manifests and configs read while collecting are not read again while publishing.
    const reads = new registry_source/* RegistryReads */.x();
    const sources = await group('Collect platform images', async () => {
        // Records first: a broken hand-off should fail before any registry is asked about `digests`.
        const fromRecords = await sourcesFromRecords(settings, transport, registry, logger, reads);
        const fromDigests = await sourcesFromDigests(settings, registry, { fromRecords, reads, logger });
        const all = [...fromRecords, ...fromDigests];
        if (all.length === 0)
            throw new Error(nothingToMerge(settings));
        leftOut = (0,compose/* checkPlatforms */.FE)(all, settings.platforms, { label: (0,values/* inputLabel */.NB)(names/* Input */.pd.Platforms), name: (0,values/* inputName */.yu)(names/* Input */.pd.Platforms) }, settings.optionalPlatforms);
        for (const s of all)
            logger.info(`${(0,platform/* formatPlatform */.Bq)(s.platform)}: ${s.image.digest} (${s.origin})`);
        if (leftOut.length)
            logger.warning(leftOutWarning(leftOut));
        return all;
    });
    const index = (0,compose/* composeIndex */.DD)(sources, settings.annotations);
    const published = await group('Publish the index', () => publishIndex(registry, index, sources, { targets: settings.images, tags: settings.tags, policy: settings.tagPolicy }, { logger, reads, progress: context.progress }));
    // The transport keeps them when asked to (keep-artifacts).
    await transport.cleanup();
    return { ...published, index, sources, leftOut };
}
/** The warning for optional platforms that have no image: their legs failed or did not run. */
function leftOutWarning(leftOut) {
    return (`Publishing without ${leftOut.map(platform/* formatPlatform */.Bq).join(', ')}: no image was found for ` +
        `${leftOut.length > 1 ? 'these optional platforms' : 'this optional platform'} (${(0,values/* inputPhrase */.MY)(names/* Input */.pd.OptionalPlatforms)}); ` +
        `its build may have failed. The index holds the other platforms.`);
}
/** Says where records were looked for, since an empty hand-off is nearly always a path or a name that differs. */
function nothingToMerge(settings) {
    const images = settings.images.map(core_reference/* formatRepository */.Sh).join(', ');
    const digests = (0,values/* inputName */.yu)(names/* Input */.pd.Digests);
    if (!settings.digestsPath && !settings.artifacts) {
        return (`Nothing to merge: ${digests} is empty and no records directory was given (${(0,values/* inputName */.yu)(names/* Input */.pd.DigestsPath)}). ` +
            `Name the images to merge in ${digests} (e.g. ${settings.images[0] ? (0,core_reference/* formatRepository */.Sh)(settings.images[0]) : 'registry/app'}:amd64-latest), ` +
            `or point ${(0,values/* inputName */.yu)(names/* Input */.pd.DigestsPath)} at the build steps' digest records.`);
    }
    const where = settings.digestsPath
        ? `in '${settings.digestsPath}' (${(0,values/* inputPhrase */.MY)(names/* Input */.pd.DigestsPath)})`
        : `among this workflow run's artifacts`;
    const fix = settings.digestsPath
        ? `Point ${(0,values/* inputName */.yu)(names/* Input */.pd.DigestsPath)} at the directory the build steps wrote their records to (or where download-artifact put them)`
        : `Check that the build jobs ran in this run and that the merge job 'needs' them`;
    return (`Nothing to merge: no digest record for ${images} was found ${where}, and ${(0,values/* inputPhrase */.MY)(names/* Input */.pd.Digests)} is empty. ` +
        `${fix}, and give build and merge the same ${(0,values/* inputName */.yu)(names/* Input */.pd.Images)}${settings.handoffKey ? ` and ${(0,values/* inputName */.yu)(names/* Input */.pd.HandoffKey)}` : ''}.`);
}

// EXTERNAL MODULE: ./src/action/prune-mode.ts + 2 modules
var prune_mode = __webpack_require__(63616);
// EXTERNAL MODULE: ./src/action/step-context.ts + 7 modules
var step_context = __webpack_require__(92519);
// EXTERNAL MODULE: ./src/action/summary.ts
var summary = __webpack_require__(38770);
;// CONCATENATED MODULE: ./src/action/merge-mode.ts







/** The merge mode: publishes the index under the tags, sets the outputs and summary, then prunes if asked. */
async function mergeMode(settings, shell) {
    const progress = new PublishProgress();
    // The runner cancels a job with SIGTERM: say where the tags stand before going, as a failure would.
    const onCancel = () => {
        shell.logger.warning(`The merge was cancelled (SIGTERM) while publishing. ${progress.describe()}`);
        process.exit(143);
    };
    process.once('SIGTERM', onCancel);
    await (0,step_context/* withStep */.p$)(settings, shell, async (context) => {
        const result = await runMerge(settings, { ...context, progress }).finally(() => process.off('SIGTERM', onCancel));
        shell.setOutput(names/* Output */.k7.Digest, result.digest);
        shell.setOutput(names/* Output */.k7.Refs, result.refs.join('\n'));
        shell.setOutput(names/* Output */.k7.Kept, result.kept.join('\n'));
        shell.setOutput(names/* Output */.k7.Platforms, result.sources.map(s => (0,platform/* formatPlatform */.Bq)(s.platform)).join(','));
        await shell.writeSummary((0,summary/* mergeSummary */.fD)(result));
        if (!settings.prune)
            return;
        // Only after a successful publish, with the outputs already set: a failed clean-up unpublishes nothing.
        await (0,prune_mode.prune)(settings.images, settings.prune, context.registry, shell).catch(error => {
            const published = `The index ${result.digest} was published; the clean-up after it failed`;
            throw new Error(`${published}: ${(0,step_context/* errorMessage */.gJ)(error)}`, { cause: error });
        });
    }).finally(() => process.off('SIGTERM', onCancel));
}


/***/ }),

/***/ 63616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prune: () => (/* binding */ prune),
  pruneMode: () => (/* binding */ pruneMode)
});

// EXTERNAL MODULE: ./src/core/digest.ts
var digest = __webpack_require__(55543);
// EXTERNAL MODULE: ./src/core/json.ts
var json = __webpack_require__(86153);
// EXTERNAL MODULE: ./src/core/logger.ts
var core_logger = __webpack_require__(11227);
// EXTERNAL MODULE: ./src/core/reference.ts
var reference = __webpack_require__(55378);
// EXTERNAL MODULE: ./src/registry/retry.ts
var registry_retry = __webpack_require__(41521);
// EXTERNAL MODULE: ./src/settings/names.ts
var names = __webpack_require__(14761);
// EXTERNAL MODULE: ./src/settings/values.ts
var values = __webpack_require__(535);
;// CONCATENATED MODULE: ./src/github/packages.ts
/**
 * GitHub's REST API for container package versions: the one place where GitHub's container registry lists its
 * untagged manifests, which the registry API itself never does. Every request is retried like a registry's.
 */







const PageSize = 100;
/** The package API's client; the owner's kind (organisation or user) is learnt per owner on first use. */
function githubPackagesApi(options) {
    const logger = options.logger ?? core_logger/* silentLogger */.qq;
    const call = (method, url, ok) => apiCall(options, method, url, ok);
    const ownerKinds = new Map();
    /** `/orgs/{owner}/packages/container/{name}/versions`, or `/users/...` for a personal account. */
    async function versionsUrl(repository) {
        const { owner, name } = packageOf(repository);
        let kind = ownerKinds.get(owner);
        if (!kind) {
            kind = ownerKind(owner);
            ownerKinds.set(owner, kind);
        }
        return new URL(`${options.apiUrl}/${await kind}/${encodeURIComponent(owner)}/packages/container/${encodeURIComponent(name)}/versions`);
    }
    /** GitHub says whether an account is an organisation or a user. */
    async function ownerKind(owner) {
        const { body } = await call('GET', new URL(`${options.apiUrl}/users/${encodeURIComponent(owner)}`), [200]);
        return (0,json/* isObject */.G)(body) && body.type === 'Organization' ? 'orgs' : 'users';
    }
    /** Every page: GitHub's Link headers lead when sent; otherwise a short page is the last. */
    async function listAll(repository) {
        const base = await versionsUrl(repository);
        const versions = [];
        let url = new URL(`${base}?per_page=${PageSize}&page=1`);
        for (let page = 1; url; page++) {
            const answer = await call('GET', url, [200]);
            if (!Array.isArray(answer.body))
                throw new Error(`GitHub API GET ${url.pathname}: the answer is not a list of versions.`);
            const where = (i) => `${(0,reference/* formatRepository */.Sh)(repository)} version ${versions.length + i + 1}`;
            // A version pushed while listing shifts the newest-first pages: one may come twice.
            const seen = new Set(versions.map(v => v.id));
            versions.push(...answer.body.map((item, i) => parseVersion(item, where(i))).filter(v => !seen.has(v.id)));
            const full = answer.body.length === PageSize;
            url = answer.next ?? (full ? new URL(`${base}?per_page=${PageSize}&page=${page + 1}`) : undefined);
        }
        logger.info(`${(0,reference/* formatRepository */.Sh)(repository)}: ${versions.length} package version(s) listed`);
        return versions;
    }
    return {
        async list(repository) {
            return listAll(repository).catch(error => {
                throw explain(error, repository);
            });
        },
        async remove(repository, version) {
            try {
                await call('DELETE', new URL(`${await versionsUrl(repository)}/${version.id}`), [204, 404]);
            }
            catch (error) {
                throw explain(error, repository);
            }
        },
    };
}
/** One request with retries: 5xx, 429 and dropped connections are tried again; other failures are not. */
async function apiCall(options, method, url, ok) {
    const logger = options.logger ?? core_logger/* silentLogger */.qq;
    const target = { host: url.host, method, path: url.pathname + url.search };
    const retry = {
        ...options.retry,
        onRetry: (error, attempt, delayMs) => logger.info(`${(0,registry_retry/* describeError */.Uc)(error)}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1})`),
    };
    return (0,registry_retry/* withRetry */.bD)(target, retry, async () => {
        const response = await fetch(url, {
            method,
            headers: {
                Accept: 'application/vnd.github+json',
                Authorization: `Bearer ${options.token}`,
                'X-GitHub-Api-Version': '2022-11-28',
                'User-Agent': 'native-multiarch',
            },
            redirect: 'error',
            signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
        });
        const text = await response.text();
        const what = `GitHub API ${method} ${url.pathname}${url.search}`;
        if ((0,registry_retry/* isRetryableStatus */.PS)(response.status)) {
            const retryAfter = (0,registry_retry/* parseRetryAfter */.mu)(response.headers.get('retry-after') ?? undefined, Date.now());
            throw new registry_retry/* HttpStatusError */.F9(`${what} answered HTTP ${response.status}${said(text)}`, response.status, retryAfter);
        }
        if (!ok.includes(response.status))
            throw new ApiError(what, response.status, text);
        const body = text ? JSON.parse(text) : undefined;
        return {
            status: response.status,
            body,
            next: nextPage(response.headers.get('link'), new URL(options.apiUrl).origin),
        };
    });
}
/** The package of an image on GitHub's registry: `ghcr.io/acme/app/web` is package `app/web` of `acme`. */
function packageOf(repository) {
    const slash = repository.path.indexOf('/');
    if (slash < 0) {
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Images)}: ${(0,reference/* formatRepository */.Sh)(repository)} names no owner; GitHub's registry takes ${repository.registry}/OWNER/NAME.`);
    }
    return { owner: repository.path.slice(0, slash), name: repository.path.slice(slash + 1) };
}
/** An answer GitHub gave that is not a success and not worth retrying. */
class ApiError extends Error {
    status;
    constructor(what, status, text) {
        super(`${what} answered HTTP ${status}${said(text)}`);
        this.status = status;
    }
}
/** What the token needs, when GitHub refused it or hid the package. */
function explain(error, repository) {
    const message = (0,registry_retry/* describeError */.Uc)(error);
    if (!(error instanceof ApiError) || ![401, 403, 404].includes(error.status))
        return new Error(message, { cause: error });
    return new Error(`${message}. Check that ${(0,reference/* formatRepository */.Sh)(repository)} is a package GitHub's API serves and that input ` +
        `'${names/* Input */.pd.GithubToken}' can reach it: the job needs 'permissions: packages: write' (read is enough for a dry run), ` +
        `or a token with read:packages and delete:packages.`, { cause: error });
}
function said(text) {
    try {
        const body = JSON.parse(text);
        if ((0,json/* isObject */.G)(body) && typeof body.message === 'string')
            return ` (${body.message})`;
    }
    catch {
        // Not JSON: nothing more to say.
    }
    return '';
}
/** The `rel="next"` URL of a Link header, when it stays on the API's origin (the token goes nowhere else). */
function nextPage(link, origin) {
    for (const part of (link ?? '').split(',')) {
        const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
        if (!match)
            continue;
        const url = new URL(match[1]);
        return url.origin === origin ? url : undefined;
    }
    return undefined;
}
/** One version of the API's answer, checked: a bad one stops the prune rather than being guessed at. */
function parseVersion(item, where) {
    const invalid = (why) => new Error(`GitHub API: ${where} ${why}.`);
    if (!(0,json/* isObject */.G)(item) || typeof item.id !== 'number')
        throw invalid('has no numeric id');
    if (typeof item.name !== 'string' || !(0,digest/* isDigest */.Bc)(item.name))
        throw invalid(`is named '${String(item.name)}', not a digest`);
    const createdAt = Date.parse(String(item.created_at));
    const updatedAt = item.updated_at === undefined ? createdAt : Date.parse(String(item.updated_at));
    if (Number.isNaN(createdAt) || Number.isNaN(updatedAt))
        throw invalid('has no valid created_at');
    const container = (0,json/* isObject */.G)(item.metadata) && (0,json/* isObject */.G)(item.metadata.container) ? item.metadata.container : {};
    const tags = Array.isArray(container.tags)
        ? container.tags.filter((t) => typeof t === 'string')
        : [];
    return { id: item.id, digest: item.name, tags, createdAt, updatedAt };
}

// EXTERNAL MODULE: ./src/core/concurrency.ts
var concurrency = __webpack_require__(88904);
// EXTERNAL MODULE: ./src/core/manifest.ts
var core_manifest = __webpack_require__(84414);
// EXTERNAL MODULE: ./src/core/prune-plan.ts
var prune_plan = __webpack_require__(65067);
// EXTERNAL MODULE: ./src/registry/hosts.ts
var hosts = __webpack_require__(91604);
;// CONCATENATED MODULE: ./src/prune/prune-step.ts







/** DELETEs to GitHub's API in flight at once: as many as a registry host gets, a pace its limits accept. */
const ApiDeletesAtOnce = hosts/* DefaultRequestsPerHost */.vD;
/**
 * Prunes each image in two phases: first every supported image is listed, every version's manifest read and
 * the plan made, then the deletions run. Any failure in the first phase (an API page, a manifest that cannot
 * be read) stops everything before the first deletion.
 */
async function runPrune(images, options, context) {
    const { logger, group } = context;
    const now = (context.now ?? Date.now)();
    const results = [];
    let api;
    for (const repository of images) {
        const name = (0,reference/* formatRepository */.Sh)(repository);
        if (!options.githubRegistryHosts.includes(repository.registry)) {
            const skipped = `${repository.registry} is not GitHub's container registry (${options.githubRegistryHosts.join(', ')}): ` +
                `its untagged content cannot be listed there, so nothing was pruned. Add the host to '${names/* Input */.pd.GithubRegistryHosts}' if it is a GitHub Enterprise Server's.`;
            logger.info(`${name}: ${skipped}`);
            results.push({ repository, skipped, deleted: [] });
            continue;
        }
        if (!options.token) {
            throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.GithubToken)} is empty: pruning ${name} needs a token that may read and delete its package versions ('permissions: packages: write').`);
        }
        const packages = (api ??= context.packages(options));
        results.push(await group(`Plan the clean-up of ${name}`, () => planImage(repository, packages, options, now, context)));
    }
    for (const result of results) {
        const { plan, repository } = result;
        if (!plan || !api || options.dryRun || plan.deletions.length === 0)
            continue;
        const packages = api;
        await group(`Delete from ${(0,reference/* formatRepository */.Sh)(repository)}`, () => deletePlanned(repository, plan, packages, result.deleted, logger));
    }
    return { images: results, dryRun: options.dryRun, deleted: results.flatMap(r => r.deleted) };
}
async function planImage(repository, api, options, now, { registry, logger }) {
    const name = (0,reference/* formatRepository */.Sh)(repository);
    const versions = await api.list(repository).catch(error => {
        throw new Error(`Listing the versions of ${name} failed; nothing was deleted. ${error.message}`, {
            cause: error,
        });
    });
    if (!versions.some(v => v.tags.length)) {
        // With no tag to anchor the walk, everything would look unused: a listing without tags is not trusted.
        const skipped = `none of its ${versions.length} version(s) is tagged, so nothing shows what is in use; nothing was pruned.`;
        logger.warning(`${name}: ${skipped}`);
        return { repository, skipped, deleted: [] };
    }
    const links = await readLinks(repository, versions, registry);
    const plan = (0,prune_plan/* planPrune */.w)(versions, links, now, options.minAgeMs);
    for (const kept of plan.kept)
        logger.info(`Keep ${kept.version.digest}: ${kept.why}`);
    const verb = options.dryRun ? 'Would delete' : 'To delete';
    for (const deletion of plan.deletions.flat()) {
        logger.info(`${verb} ${deletion.version.digest} (${(0,prune_plan/* formatAge */.n)(deletion.ageMs)} old): ${deletion.why}`);
    }
    logger.info(`${name}: ${plan.kept.length} version(s) kept, ${plan.deletions.flat().length} ${options.dryRun ? 'would be' : 'to be'} deleted`);
    return { repository, plan, deleted: [] };
}
/** Every version's manifest, read from the registry; one that cannot be read stops the prune. */
async function readLinks(repository, versions, registry) {
    const links = new Map();
    await (0,concurrency/* mapLimit */.s)(versions, hosts/* DefaultRequestsPerHost */.vD, async (version) => {
        const where = `${(0,reference/* formatRepository */.Sh)(repository)}@${version.digest}`;
        try {
            const manifest = await registry.getManifest(repository, version.digest);
            links.set(version.digest, (0,core_manifest/* parseManifestLinks */.YY)(manifest.bytes, where));
        }
        catch (error) {
            throw new Error(`Reading ${where} failed, so what it references is unknown; nothing was deleted. ${error.message}`, { cause: error });
        }
    });
    return links;
}
/** Deletes batch after batch (referencing versions first); a failure names what was deleted already. */
async function deletePlanned(repository, plan, api, deleted, logger) {
    const name = (0,reference/* formatRepository */.Sh)(repository);
    try {
        for (const batch of plan.deletions) {
            await (0,concurrency/* mapLimit */.s)(batch, ApiDeletesAtOnce, async ({ version }) => {
                await api.remove(repository, version);
                deleted.push(version.digest);
                logger.info(`Deleted ${name}@${version.digest}`);
            });
        }
    }
    catch (error) {
        const total = plan.deletions.flat().length;
        throw new Error(`Deleting from ${name} failed after ${deleted.length} of ${total} deletion(s): ${error.message}. ` +
            `What is left is only unused versions; a later prune deletes them.`, { cause: error });
    }
}

// EXTERNAL MODULE: ./src/registry/tuning.ts
var tuning = __webpack_require__(45830);
// EXTERNAL MODULE: ./src/action/step-context.ts + 7 modules
var step_context = __webpack_require__(92519);
// EXTERNAL MODULE: ./src/action/summary.ts
var summary = __webpack_require__(38770);
;// CONCATENATED MODULE: ./src/action/prune-mode.ts






/** The prune mode on its own schedule. */
async function pruneMode(settings, shell) {
    // Reading manifests needs pull access only.
    await (0,step_context/* withRegistry */.u$)(settings, [], shell, registry => prune(settings.images, settings.prune, registry, shell));
}
/** Prunes `images`, sets the `pruned` output and writes the summary (also after a merge with `prune: true`). */
async function prune(images, options, registry, shell) {
    const { logger, group } = shell;
    const result = await runPrune(images, options, {
        registry,
        packages: ({ apiUrl, token }) => githubPackagesApi({ apiUrl, token, ...(0,tuning/* registryTuning */.N)(shell.env), logger }),
        logger,
        group,
    });
    shell.setOutput(names/* Output */.k7.Pruned, result.deleted.join('\n'));
    await shell.writeSummary((0,summary/* pruneSummary */.tG)(result));
}


/***/ }),

/***/ 96745:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ newestAttempts),
/* harmony export */   j: () => (/* binding */ selectRecords)
/* harmony export */ });
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(55378);

/**
 * Chooses the records that belong to this merge: for these images, from this run, and per platform only the
 * newest attempt not after the merge's own (re-running a failed leg writes a second record; only the newest
 * counts, so attempts never mix). Two different records of one attempt for one platform are an error.
 */
function selectRecords(records, images, run) {
    const wanted = new Set(images.map(_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .formatRepository */ .Sh));
    const ignored = [];
    const candidates = [];
    for (const at of records) {
        const { record } = at;
        if (!record.images.some(image => wanted.has(image))) {
            ignored.push({ source: at.source, reason: `it is for ${record.images.join(', ')}` });
            continue;
        }
        if (run.id && record.run.id && record.run.id !== run.id) {
            ignored.push({
                source: at.source,
                reason: `it is from workflow run ${record.run.id}, this is run ${run.id}`,
            });
            continue;
        }
        candidates.push(at);
    }
    const { newest, skipped } = newestAttempts(candidates, run.attempt, at => at.record);
    for (const { item, reason } of skipped)
        ignored.push({ source: item.source, reason });
    const selected = [];
    for (const list of newest) {
        const platform = list[0].record.platform;
        const current = uniqueByDigest(list);
        if (current.length > 1) {
            throw new Error(`Two digest records for ${platform} in one attempt: ` +
                current.map(at => `${at.record.digest} (${at.source})`).join(' and ') +
                `. Each platform may be built once per run; check the matrix for duplicate platforms.`);
        }
        selected.push(current[0]);
    }
    return { selected, ignored };
}
/**
 * Per platform, the items of the newest attempt not after `attempt` (0: any), grouped by platform: a re-run leg
 * supersedes its earlier attempt, so attempts never mix. The rest come back with the reason, as the log says it.
 * The merge's record selection and the artifact hand-off (which skips downloading the rest) both use it.
 */
function newestAttempts(items, attempt, of) {
    const skipped = [];
    const byPlatform = new Map();
    for (const item of items) {
        const { platform, run } = of(item);
        if (attempt && run.attempt > attempt) {
            skipped.push({ item, reason: `it is from attempt ${run.attempt}, after this attempt ${attempt}` });
            continue;
        }
        byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), item]);
    }
    const newest = [];
    for (const list of byPlatform.values()) {
        const latest = Math.max(...list.map(item => of(item).run.attempt));
        for (const item of list.filter(item => of(item).run.attempt < latest)) {
            skipped.push({ item, reason: `attempt ${of(item).run.attempt} was superseded by attempt ${latest}` });
        }
        newest.push(list.filter(item => of(item).run.attempt === latest));
    }
    return { newest, skipped };
}
function uniqueByDigest(list) {
    const seen = new Map();
    for (const at of list)
        if (!seen.has(at.record.digest))
            seen.set(at.record.digest, at);
    return [...seen.values()];
}


/***/ })

};
