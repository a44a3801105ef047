export const id = 749;
export const ids = [749];
export const modules = {

/***/ 38770:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fD: () => (/* binding */ mergeSummary),
/* harmony export */   fR: () => (/* binding */ buildSummary),
/* harmony export */   iC: () => (/* binding */ runnerName),
/* harmony export */   tG: () => (/* binding */ pruneSummary)
/* harmony export */ });
/* unused harmony export duration */
/* harmony import */ var _core_descriptor_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96090);
/* harmony import */ var _core_media_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37407);
/* harmony import */ var _core_platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90692);
/* harmony import */ var _core_prune_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65067);
/* harmony import */ var _core_reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(55378);





/** The job summary of a build step: the platform, the runner, what was pushed and how long it took. */
function buildSummary(result, facts) {
    const rows = [header('Platform', 'Runner', 'Digest', 'Manifest size', 'Time')];
    const platform = (0,_core_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(result.platform);
    const time = duration(facts.durationMs);
    if (result.pushed) {
        rows.push([platform, facts.runner, code(result.pushed.digest), bytes(result.pushed.size), time]);
    }
    else
        rows.push([platform, facts.runner, 'not pushed', '', time]);
    return { heading: `Built ${platform}`, rows, refs: result.archRefs };
}
/** The job summary of a merge: the index, each platform with its digest and size, and every ref published. */
function mergeSummary(result) {
    const rows = [header('Platform', 'Digest', 'Manifest size', 'From')];
    const kind = (0,_core_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isDockerMediaType */ .pp)(result.index.mediaType) ? 'Docker manifest list' : 'OCI image index';
    rows.push(['index', code(result.digest), bytes(result.index.bytes.length), kind]);
    for (const child of result.index.manifests) {
        const source = result.sources.find(s => s.image.digest === child.digest || s.attestations.some(a => a.digest === child.digest));
        const platform = (0,_core_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .isAttestation */ .H3)(child)
            ? `${referenceKind(child)} of ${source ? (0,_core_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(source.platform) : '?'}`
            : (0,_core_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(child.platform);
        rows.push([platform, code(child.digest), bytes(child.size), source?.origin ?? '']);
    }
    const notes = [
        ...result.leftOut.map(p => `Published without ${(0,_core_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(p)}: an optional platform with no image.`),
        ...result.kept.map(ref => `Kept ${ref}: it points at a newer index, so it was not moved.`),
    ];
    return { heading: `Published index ${result.digest}`, rows, refs: result.refs, notes };
}
/** `attestation` for buildx's attestation manifests; any other reference type as the builder named it. */
function referenceKind(child) {
    const type = child.annotations?.[_core_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .AttestationAnnotation */ .GY.ReferenceType];
    return type === _core_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .AttestationAnnotation */ .GY.AttestationManifest ? 'attestation' : (type ?? 'attestation');
}
/** The runner as the summary names it: GitHub's `RUNNER_NAME` and the hosted image's `ImageOS`. */
function runnerName(env) {
    const { RUNNER_NAME: name, ImageOS: image } = env;
    return name && image ? `${name} (${image})` : (name ?? image ?? '');
}
function header(...cells) {
    return cells.map(data => ({ data, header: true }));
}
function code(text) {
    return { code: text };
}
function bytes(size) {
    return size < 1024
        ? `${size} B`
        : size < 1024 * 1024
            ? `${(size / 1024).toFixed(1)} KiB`
            : `${(size / 1024 / 1024).toFixed(1)} MiB`;
}
/** `8.4 s`, `3 min 07 s`. */
function duration(ms) {
    const seconds = ms / 1000;
    if (seconds < 60)
        return `${seconds.toFixed(1)} s`;
    const whole = Math.round(seconds);
    return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
/** The job summary of a prune: every version deleted (or that would be) and every version kept, with why. */
function pruneSummary(result) {
    const rows = [header('Image', 'Digest', 'Tags', 'Age', 'Decision', 'Why')];
    let planned = 0;
    for (const image of result.images) {
        const name = (0,_core_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatRepository */ .Sh)(image.repository);
        if (!image.plan) {
            rows.push([name, '', '', '', 'not pruned', image.skipped ?? '']);
            continue;
        }
        for (const deletion of image.plan.deletions.flat()) {
            planned++;
            const done = result.dryRun
                ? 'would delete'
                : image.deleted.includes(deletion.version.digest)
                    ? 'deleted'
                    : 'not deleted';
            rows.push([name, code(deletion.version.digest), '', (0,_core_prune_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .formatAge */ .n)(deletion.ageMs), done, deletion.why]);
        }
        for (const kept of image.plan.kept) {
            rows.push([
                name,
                code(kept.version.digest),
                kept.version.tags.join(', '),
                (0,_core_prune_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .formatAge */ .n)(kept.ageMs),
                'kept',
                kept.why,
            ]);
        }
    }
    const heading = result.dryRun
        ? `Dry run: ${planned} version(s) would be deleted`
        : `Pruned ${result.deleted.length} version(s)`;
    return { heading, rows, refs: [] };
}


/***/ }),

/***/ 41591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ composeIndex),
/* harmony export */   FE: () => (/* binding */ checkPlatforms),
/* harmony export */   hb: () => (/* binding */ flattenIndex),
/* harmony export */   oO: () => (/* binding */ distinctChildren)
/* harmony export */ });
/* harmony import */ var _descriptor_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96090);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37407);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90692);



/**
 * Splits what a builder pushed into the image and its attestations. buildx with provenance or SBOM pushes a
 * one-platform index; anything else (several images) is not one platform's build and is refused.
 */
function flattenIndex(index, where) {
    const images = index.manifests.filter(m => !(0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .isAttestation */ .H3)(m));
    const attestations = index.manifests.filter(_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .isAttestation */ .H3);
    if (images.length !== 1) {
        const platforms = images.map(m => (m.platform ? (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(m.platform) : 'unknown')).join(', ');
        throw new Error(`${where} is an index of ${images.length} images (${platforms || 'none'}); expected one platform's image. ` +
            `Give the per-platform digests instead of a multi-platform index.`);
    }
    const image = images[0];
    for (const attestation of attestations) {
        const subject = attestation.annotations?.[_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .AttestationAnnotation */ .GY.ReferenceDigest];
        if (subject !== image.digest) {
            throw new Error(`${where} has an attestation ${attestation.digest} for ${subject ?? 'no image'}, not for its image ${image.digest}.`);
        }
    }
    return { image, attestations };
}
/**
 * Checks the sources against the platforms the user requires: none twice, none missing, none extra. Runs
 * before anything is published, so a merge after a failed matrix leg cannot publish a partial index unless
 * the user said that leg may fail: an `optional` platform (even one also in `required`) may be missing, and
 * is returned when it is. With `required` given, a platform in neither list is unexpected. No sources
 * at all is the caller's to report (runMerge says where it looked).
 */
function checkPlatforms(sources, required, 
/** How the user named the list: the action's input, or the command line's flag. */
input = { label: "Input 'platforms'", name: "'platforms'" }, optional = []) {
    const seen = new Map();
    for (const source of sources) {
        const key = (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformKey */ .Ng)(source.platform);
        const other = seen.get(key);
        if (other) {
            if (other.image.digest === source.image.digest)
                continue;
            throw new Error(`Platform ${(0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(source.platform)} appears twice: ${other.image.digest} (${other.origin}) and ` +
                `${source.image.digest} (${source.origin}). Each platform may be built once per run.`);
        }
        seen.set(key, source);
    }
    const optionalKeys = new Set(optional.map(_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformKey */ .Ng));
    const missingOptional = optional.filter(p => !seen.has((0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformKey */ .Ng)(p)));
    if (!required)
        return missingOptional;
    const allowedKeys = new Set([...required, ...optional].map(_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformKey */ .Ng));
    const mustHave = required.filter(p => !optionalKeys.has((0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformKey */ .Ng)(p)));
    const missing = mustHave.filter(p => !seen.has((0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformKey */ .Ng)(p))).map(_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq);
    const extra = [...seen.values()].filter(s => !allowedKeys.has((0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformKey */ .Ng)(s.platform)));
    if (missing.length || extra.length) {
        const found = [...seen.values()].map(s => (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(s.platform)).join(', ') || 'none';
        const parts = [];
        if (missing.length)
            parts.push(`missing ${missing.join(', ')}`);
        if (extra.length)
            parts.push(`unexpected ${extra.map(s => `${(0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(s.platform)} (${s.origin})`).join(', ')}`);
        throw new Error(`${input.label} requires ${mustHave.map(_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq).join(', ') || 'no platform'}` +
            `${optional.length ? ` (optional: ${optional.map(_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq).join(', ')})` : ''}; found ${found}: ${parts.join('; ')}. ` +
            `Nothing was published. Check that every build job succeeded, or adjust ${input.name}.`);
    }
    return missingOptional;
}
/**
 * Every manifest the sources name (images and attestations), each digest once: a digest named twice (by two
 * records, or by a `digests` tag that resolves to a record's image) is one manifest, and the first source to
 * name it stands for it. Named twice with a different size or media type, one of the two was changed after it
 * was written, and nothing may be published.
 */
function distinctChildren(sources) {
    const children = new Map();
    for (const source of sources) {
        for (const descriptor of [source.image, ...source.attestations]) {
            const first = children.get(descriptor.digest);
            if (!first)
                children.set(descriptor.digest, { source, descriptor });
            else if (first.descriptor.size !== descriptor.size ||
                first.descriptor.mediaType !== descriptor.mediaType)
                throw new Error(`${descriptor.digest} is named twice with different descriptors: ${first.descriptor.size} bytes of ` +
                    `${first.descriptor.mediaType} (${first.source.origin}), ${descriptor.size} bytes of ${descriptor.mediaType} ` +
                    `(${source.origin}). One of them was changed after it was written; nothing was published.`);
        }
    }
    return [...children.values()];
}
/**
 * Composes the index deterministically: the same sources and annotations give the same bytes, hence the same
 * digest, so a re-run publishes the identical index. A Docker manifest list only when every child is a Docker
 * media type and there are no annotations (Docker lists cannot carry them); an OCI index otherwise.
 */
function composeIndex(sources, annotations) {
    const ordered = dedupe(sources).sort((a, b) => (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .comparePlatforms */ .UX)(a.platform, b.platform));
    const images = ordered.map(s => canonicalDescriptor({ ...s.image, platform: s.platform }));
    const attestations = ordered.flatMap(s => s.attestations.map(canonicalDescriptor));
    const manifests = [...images, ...attestations];
    const hasAnnotations = Object.keys(annotations).length > 0 || manifests.some(m => m.annotations);
    const docker = !hasAnnotations && manifests.every(m => (0,_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isDockerMediaType */ .pp)(m.mediaType));
    const mediaType = docker ? _media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .zu.DockerManifestList : _media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .zu.OciIndex;
    const index = { schemaVersion: 2, mediaType, manifests };
    if (Object.keys(annotations).length)
        index.annotations = sortedMap(annotations);
    return {
        mediaType,
        bytes: Buffer.from(JSON.stringify(index, null, 2)),
        annotations: sortedMap(annotations),
        manifests,
    };
}
function dedupe(sources) {
    const byDigest = new Map();
    for (const source of sources)
        if (!byDigest.has(source.image.digest))
            byDigest.set(source.image.digest, source);
    return [...byDigest.values()];
}
// Fixed key order and normalized platforms: byte-identical output regardless of how sources were read.
function canonicalDescriptor(descriptor) {
    const out = {
        mediaType: descriptor.mediaType,
        digest: descriptor.digest,
        size: descriptor.size,
    };
    if (descriptor.artifactType)
        out.artifactType = descriptor.artifactType;
    if (descriptor.platform) {
        const p = (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .isAttestation */ .H3)(descriptor) ? descriptor.platform : (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizePlatform */ .FL)(descriptor.platform);
        const platform = { architecture: p.architecture, os: p.os };
        if (p['os.version'])
            platform['os.version'] = p['os.version'];
        if (p['os.features']?.length)
            platform['os.features'] = p['os.features'];
        if (p.variant)
            platform.variant = p.variant;
        out.platform = platform;
    }
    if (descriptor.annotations && Object.keys(descriptor.annotations).length)
        out.annotations = sortedMap(descriptor.annotations);
    return out;
}
function sortedMap(map) {
    return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}


/***/ }),

/***/ 84414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ parseIndex),
/* harmony export */   Pj: () => (/* binding */ parseManifestAnnotations),
/* harmony export */   Sw: () => (/* binding */ parseImageManifest),
/* harmony export */   YY: () => (/* binding */ parseManifestLinks),
/* harmony export */   jN: () => (/* binding */ parseConfigPlatform)
/* harmony export */ });
/* harmony import */ var _descriptor_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96090);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86153);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37407);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90692);




/** Parses manifest bytes of the given media type as an index; `where` names the reference for errors. */
function parseIndex(bytes, mediaType, where) {
    const value = parseJsonObject(bytes, where);
    if (!(0,_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndexMediaType */ .$$)(mediaType))
        throw new Error(`${where} is ${mediaType}, not an image index.`);
    if (!Array.isArray(value.manifests))
        throw new Error(`${where} is not a valid image index: it has no 'manifests' list.`);
    const index = {
        mediaType,
        manifests: value.manifests.map((m, i) => (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(m, `${where} manifests[${i}]`)),
    };
    if ((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .isStringMap */ .U)(value.annotations))
        index.annotations = value.annotations;
    return index;
}
/** Parses manifest bytes as an image manifest (config and layers). */
function parseImageManifest(bytes, mediaType, where) {
    const value = parseJsonObject(bytes, where);
    if (!(0,_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isImageManifestMediaType */ .d6)(mediaType))
        throw new Error(`${where} is ${mediaType}, not an image manifest.`);
    if (!Array.isArray(value.layers))
        throw new Error(`${where} is not a valid image manifest: it has no 'layers' list.`);
    return {
        mediaType,
        config: (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(value.config, `${where} config`),
        layers: value.layers.map((l, i) => (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(l, `${where} layers[${i}]`)),
    };
}
/** The platform an image config declares: what a client will actually run, whatever a record says. */
function parseConfigPlatform(bytes, where) {
    const value = parseJsonObject(bytes, where);
    if (typeof value.os !== 'string' || typeof value.architecture !== 'string') {
        throw new Error(`${where} is not a valid image config: it has no 'os' and 'architecture'.`);
    }
    const platform = { os: value.os, architecture: value.architecture };
    if (typeof value.variant === 'string' && value.variant)
        platform.variant = value.variant;
    if (typeof value['os.version'] === 'string' && value['os.version'])
        platform['os.version'] = value['os.version'];
    return (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizePlatform */ .FL)(platform);
}
/** A manifest's own annotations, whatever its media type (index or image); empty when it has none. */
function parseManifestAnnotations(bytes, where) {
    const value = parseJsonObject(bytes, where);
    return (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .isStringMap */ .U)(value.annotations) ? value.annotations : {};
}
function parseJsonObject(bytes, where) {
    let value;
    try {
        value = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new Error(`${where} is not JSON (${bytes.length} bytes starting ${JSON.stringify(bytes.subarray(0, 40).toString('utf8'))}).`);
    }
    if (!(0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(value))
        throw new Error(`${where} is not a JSON object.`);
    return value;
}
/**
 * What any manifest points at, whatever its media type: the manifests an index lists, and the `subject` a
 * referrer (signature, SBOM, attestation) names. Layers and configs are blobs, not manifests, and are left out.
 */
function parseManifestLinks(bytes, where) {
    const value = parseJsonObject(bytes, where);
    const children = Array.isArray(value.manifests)
        ? value.manifests.map((m, i) => (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(m, `${where} manifests[${i}]`).digest)
        : [];
    if (value.subject === undefined)
        return { children };
    return { children, subject: (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(value.subject, `${where} subject`).digest };
}


/***/ }),

/***/ 65067:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ formatAge),
/* harmony export */   w: () => (/* binding */ planPrune)
/* harmony export */ });
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(55543);

/**
 * Decides which versions nothing needs. Kept: every tagged version; every version changed less than
 * `minAgeMs` ago (a run in flight may be about to reference it); and, transitively, everything a kept version
 * references: the manifests an index lists (images, attestations) and every referrer (signature, SBOM) whose
 * `subject` is kept. Everything else is deleted, referencing versions before the ones they reference.
 * `links` must hold every version's manifest: an unknown one is refused, since guessing could delete a child.
 */
function planPrune(versions, links, now, minAgeMs) {
    const byDigest = new Map(versions.map(v => [v.digest, v]));
    const missing = versions.find(v => !links.has(v.digest));
    if (missing)
        throw new Error(`The manifest of ${missing.digest} was not read; nothing can be decided.`);
    const referrers = new Map();
    for (const [digest, { subject }] of links) {
        if (subject)
            referrers.set(subject, [...(referrers.get(subject) ?? []), digest]);
    }
    const ageOf = (v) => Math.max(0, now - Math.max(v.createdAt, v.updatedAt));
    const kept = new Map();
    // Per kept version, why the version that keeps it (a tagged or recent one) is kept.
    const rootWhy = new Map();
    const queue = [];
    const keep = (version, reason, why, root = why) => {
        if (kept.has(version.digest))
            return;
        kept.set(version.digest, { version, ageMs: ageOf(version), reason, why });
        rootWhy.set(version.digest, root);
        queue.push(version);
    };
    for (const version of versions) {
        if (version.tags.length)
            keep(version, 'tagged', `tagged ${version.tags.join(', ')}`);
    }
    for (const version of versions) {
        const age = ageOf(version);
        if (age < minAgeMs)
            keep(version, 'young', `changed ${formatAge(age)} ago, under ${formatAge(minAgeMs)}`);
    }
    // Breadth first, so each kept version names the nearest version that keeps it.
    while (queue.length) {
        const parent = queue.shift();
        const root = rootWhy.get(parent.digest);
        const through = `${(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .shortDigest */ .VK)(parent.digest)} (${root})`;
        for (const child of links.get(parent.digest).children) {
            const version = byDigest.get(child);
            if (version)
                keep(version, 'referenced', `listed by ${through}`, root);
        }
        for (const referrer of referrers.get(parent.digest) ?? []) {
            const version = byDigest.get(referrer);
            if (version)
                keep(version, 'referenced', `a referrer of ${through}`, root);
        }
    }
    const doomed = versions.filter(v => !kept.has(v.digest));
    return {
        deletions: deletionBatches(doomed, links, ageOf),
        kept: versions.flatMap(v => kept.get(v.digest) ?? []),
    };
}
/**
 * Orders deletions so that a version goes only after every doomed version that references it: a run stopped
 * half way leaves orphans, never an index without its children.
 */
function deletionBatches(doomed, links, ageOf) {
    const doomedDigests = new Set(doomed.map(v => v.digest));
    // Who references each doomed version, among the doomed: the indexes listing it, and what it is the subject of.
    const referencedBy = new Map(doomed.map(v => [v.digest, []]));
    for (const version of doomed) {
        const { children, subject } = links.get(version.digest);
        for (const target of [...children, ...(subject ? [subject] : [])]) {
            if (doomedDigests.has(target) && target !== version.digest)
                referencedBy.get(target).push(version.digest);
        }
    }
    const level = new Map();
    const levelOf = (digest, path) => {
        const known = level.get(digest);
        if (known !== undefined)
            return known;
        // Content addressing rules out cycles; a malformed manifest claiming one just gets no order.
        if (path.has(digest))
            return 0;
        path.add(digest);
        const parents = referencedBy.get(digest);
        const value = parents.length ? 1 + Math.max(...parents.map(p => levelOf(p, path))) : 0;
        path.delete(digest);
        level.set(digest, value);
        return value;
    };
    const batches = [];
    for (const version of doomed) {
        const parents = referencedBy.get(version.digest);
        const why = parents.length
            ? `untagged; referenced only by versions deleted too (${parents.map(_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .shortDigest */ .VK).join(', ')})`
            : 'untagged, and no tagged or recent version references it';
        const batch = levelOf(version.digest, new Set());
        (batches[batch] ??= []).push({ version, ageMs: ageOf(version), why });
    }
    return batches.filter(Boolean);
}
/** `45 s`, `12 min`, `30 h`, `3 d`: an age as the summary shows it (whole units, rounded down; hours up to 2 d). */
function formatAge(ms) {
    const seconds = Math.floor(ms / 1000);
    if (seconds < 60)
        return `${seconds} s`;
    if (seconds < 3600)
        return `${Math.floor(seconds / 60)} min`;
    if (seconds < 2 * 86400)
        return `${Math.floor(seconds / 3600)} h`;
    return `${Math.floor(seconds / 86400)} d`;
}


/***/ }),

/***/ 27686:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   nX: () => (/* binding */ copyManifest)
/* harmony export */ });
/* unused harmony exports ProgressMinBytes, progressReport */
/* harmony import */ var _core_concurrency_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(88904);
/* harmony import */ var _core_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(55543);
/* harmony import */ var _core_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11227);
/* harmony import */ var _core_manifest_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84414);
/* harmony import */ var _core_media_types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37407);
/* harmony import */ var _core_reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(55378);
/* harmony import */ var _registry_hosts_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(91604);
/* harmony import */ var _registry_retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(41521);








/**
 * Makes sure `target` has the manifest `descriptor` names and everything it references: an index's children,
 * recursively, and each image's config and layers. What the target already has is skipped (a manifest that is
 * there is complete, so its subtree is not visited); blobs are mounted when the source is in the same
 * registry, streamed otherwise; manifests are put by digest once what they reference is in place.
 */
async function copyManifest(client, source, descriptor, target, options = {}) {
    const copy = {
        client,
        source,
        target,
        logger: options.logger ?? _core_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .qq,
        concurrency: options.concurrency ?? _registry_hosts_js__WEBPACK_IMPORTED_MODULE_5__/* .DefaultRequestsPerHost */ .vD,
        blobs: new Map(),
    };
    const targetName = (0,_core_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatRepository */ .Sh)(target);
    const missing = await plan(copy, descriptor);
    if (!missing) {
        copy.logger.debug(`${targetName} already has ${descriptor.digest}`);
        return;
    }
    const outcomes = await (0,_core_concurrency_js__WEBPACK_IMPORTED_MODULE_7__/* .mapLimit */ .s)([...copy.blobs.values()], copy.concurrency, blob => copyBlob(copy, blob));
    await put(copy, missing);
    const count = (outcome) => outcomes.filter(o => o === outcome).length;
    copy.logger.info(`Copied ${descriptor.digest} from ${source.name} to ${targetName}: ${count('pushed')} blobs uploaded, ${count('mounted')} mounted, ${count('present')} already there`);
}
/** What the target lacks of `manifest`'s tree, reading each missing manifest once and noting its blobs. */
async function plan(copy, manifest) {
    if (await copy.client.headManifest(copy.target, manifest.digest))
        return undefined;
    const where = `${copy.source.name}@${manifest.digest}`;
    const bytes = await copy.source.readManifest(manifest);
    if (manifest.digest.startsWith('sha256:') && (0,_core_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256Digest */ .sI)(bytes) !== manifest.digest) {
        throw new Error(`${where}: the source gave bytes whose digest is ${(0,_core_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256Digest */ .sI)(bytes)}.`);
    }
    // A descriptor with the wrong size would be published as given, and containerd fails every pull of it.
    if (bytes.length !== manifest.size) {
        throw new Error(`${where} is ${bytes.length} bytes, but its descriptor says ${manifest.size}.`);
    }
    if ((0,_core_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .isIndexMediaType */ .$$)(manifest.mediaType)) {
        const index = (0,_core_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .parseIndex */ .A1)(bytes, manifest.mediaType, where);
        const children = await (0,_core_concurrency_js__WEBPACK_IMPORTED_MODULE_7__/* .mapLimit */ .s)(index.manifests, copy.concurrency, child => plan(copy, child));
        return { descriptor: manifest, bytes, children: children.filter(child => child !== undefined) };
    }
    if ((0,_core_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .isImageManifestMediaType */ .d6)(manifest.mediaType)) {
        const image = (0,_core_manifest_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageManifest */ .Sw)(bytes, manifest.mediaType, where);
        for (const blob of [image.config, ...image.layers]) {
            // Foreign layers live elsewhere by design (Windows base layers); registries do not hold them.
            if (/foreign|nondistributable/.test(blob.mediaType))
                continue;
            copy.blobs.set(blob.digest, blob);
        }
        return { descriptor: manifest, bytes, children: [] };
    }
    throw new Error(`${where} is ${manifest.mediaType}, which is neither an image manifest nor an index; cannot copy it.`);
}
/** One blob into the target: already there, mounted within the registry, or streamed from the source. */
async function copyBlob(copy, blob) {
    const { client, source, target, logger } = copy;
    if (await client.hasBlob(target, blob.digest))
        return 'present';
    const from = source.repository;
    if (from && from.registry === target.registry && !(0,_core_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .sameRepository */ .RB)(from, target)) {
        if (await client.mountBlob(target, blob.digest, from))
            return 'mounted';
        logger.debug(`${target.registry} declined to mount ${blob.digest} from ${from.path}; uploading it`);
    }
    // The download runs inside the upload: when it fails, say so, or the error would blame the target.
    let downloadFailure;
    const open = async () => {
        downloadFailure = undefined;
        try {
            // The upload checks every byte against the digest, so the source need not as well.
            const stream = await source.openBlob(blob, { checked: false });
            stream.once('error', error => (downloadFailure = error));
            return stream;
        }
        catch (error) {
            downloadFailure = error;
            throw error;
        }
    };
    try {
        await client.pushBlob(target, blob, open, { progress: progressReport(blob, target, logger) });
    }
    catch (error) {
        if (downloadFailure === undefined)
            throw error;
        throw new Error(`Downloading blob ${blob.digest} from ${source.name} failed (${(0,_registry_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(downloadFailure)}); ` +
            `the upload to ${(0,_core_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatRepository */ .Sh)(target)} stopped because its source did. ${(0,_registry_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .describeError */ .Uc)(error)}`, { cause: error });
    }
    return 'pushed';
}
/** PUTs the missing manifests by digest, children first: registries check that an index's children exist. */
async function put(copy, manifest) {
    await (0,_core_concurrency_js__WEBPACK_IMPORTED_MODULE_7__/* .mapLimit */ .s)(manifest.children, copy.concurrency, child => put(copy, child));
    const { digest, mediaType } = manifest.descriptor;
    await copy.client.putManifest(copy.target, digest, manifest.bytes, mediaType);
}
/** Blobs at least this large report progress while they stream, so a long copy shows it is moving. */
const ProgressMinBytes = 64 * 1024 * 1024;
/**
 * How a blob's upload reports progress: every `intervalMs` (10 s) it logs how far it has got, once the blob is at
 * least `minBytes` large; for smaller blobs, undefined (they are quick, and stay silent).
 */
function progressReport(blob, target, logger, { minBytes = ProgressMinBytes, intervalMs = 10_000, now = Date.now } = {}) {
    if (blob.size < minBytes)
        return undefined;
    let last = now();
    const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    return sent => {
        if (now() - last < intervalMs)
            return;
        last = now();
        logger.info(`Copying ${blob.digest} to ${(0,_core_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatRepository */ .Sh)(target)}: ${mib(sent)} of ${mib(blob.size)}`);
    };
}


/***/ }),

/***/ 63270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ inspectImage)
});

// EXTERNAL MODULE: ./src/core/compose.ts
var compose = __webpack_require__(41591);
// EXTERNAL MODULE: ./src/core/manifest.ts
var core_manifest = __webpack_require__(84414);
// EXTERNAL MODULE: ./src/core/media-types.ts
var media_types = __webpack_require__(37407);
// EXTERNAL MODULE: ./src/core/platform.ts
var core_platform = __webpack_require__(90692);
// EXTERNAL MODULE: ./src/registry/http.ts + 3 modules
var http = __webpack_require__(90628);
;// CONCATENATED MODULE: ./src/transfer/source.ts

/** Reads a whole blob, refusing more than `maxBytes` (configs are small; anything bigger is not a config). */
async function readBlob(source, descriptor, maxBytes) {
    if (descriptor.size > maxBytes) {
        throw new Error(`${source.name}: blob ${descriptor.digest} is ${descriptor.size} bytes, more than the ${maxBytes} expected.`);
    }
    return (0,http/* collectAtMost */.nA)(await source.openBlob(descriptor), maxBytes, () => new Error(`${source.name}: blob ${descriptor.digest} is larger than ${maxBytes} bytes.`));
}

;// CONCATENATED MODULE: ./src/transfer/inspect.ts





/**
 * Reads what a descriptor points at and learns its platform from the image config, the only thing a client
 * trusts. A one-platform index (buildx with provenance) is flattened. `expected`, when given, must match.
 */
async function inspectImage(source, descriptor, where, expected) {
    const bytes = await source.readManifest(descriptor);
    let image = descriptor;
    let attestations = [];
    if ((0,media_types/* isIndexMediaType */.$$)(descriptor.mediaType)) {
        const index = (0,core_manifest/* parseIndex */.A1)(bytes, descriptor.mediaType, where);
        ({ image, attestations } = (0,compose/* flattenIndex */.hb)(index, where));
    }
    const manifest = (0,core_manifest/* parseImageManifest */.Sw)(image === descriptor ? bytes : await source.readManifest(image), image.mediaType, `${where} (manifest ${image.digest})`);
    const config = await readBlob(source, manifest.config, media_types/* MaxManifestBytes */.HO);
    const platform = (0,core_manifest/* parseConfigPlatform */.jN)(config, `${where} (config ${manifest.config.digest})`);
    if (image.platform && !(0,core_platform/* samePlatform */.my)(image.platform, platform)) {
        throw new Error(`${where}: the index says ${(0,core_platform/* formatPlatform */.Bq)(image.platform)} but the image config says ${(0,core_platform/* formatPlatform */.Bq)(platform)}; clients would run the wrong image.`);
    }
    if (expected && !(0,core_platform/* samePlatform */.my)(expected, platform)) {
        throw new Error(`${where} is an image for ${(0,core_platform/* formatPlatform */.Bq)(platform)}, expected ${(0,core_platform/* formatPlatform */.Bq)(expected)}.`);
    }
    return { platform, image: { ...image, platform }, attestations, bytes };
}


/***/ }),

/***/ 37520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ registrySource),
/* harmony export */   x: () => (/* binding */ RegistryReads)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(55378);
/* harmony import */ var _registry_http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90628);



/** Blobs up to this size (image configs, attestation statements) are kept once read; layers stream through. */
const KeptBlobBytes = 256 * 1024;
/** What a step keeps of such blobs at most, however many platforms it merges. */
const KeptBlobsTotalBytes = 16 * 1024 * 1024;
/**
 * What a step has read from registries, by repository and digest. Content is named by its digest and was
 * checked against it when read, so a second reader gets the same bytes without asking again: a merge reads
 * each manifest and each config once, whether to resolve a `digests` entry, to check a platform or to copy.
 */
class RegistryReads {
    manifests = new Map();
    /** The manifests whose read has finished: what the registry answered, for a check that must not wait. */
    answered = new Map();
    blobs = new Map();
    keptBlobBytes = 0;
    /** The manifest `digest` as `repository` answered it in this step (its descriptor and bytes), if it was read. */
    manifest(repository, digest) {
        return this.answered.get(key(repository, digest));
    }
    /** Keeps a manifest read from `repository` by other means (by tag), under the digest its bytes were checked against. */
    keepManifest(repository, manifest) {
        const name = key(repository, manifest.descriptor.digest);
        this.answered.set(name, manifest);
        this.manifests.set(name, Promise.resolve(manifest));
    }
    /** The manifest `digest` of `repository`, read by `read` the first time it is asked for (see `shared`). */
    async readManifest(repository, digest, read) {
        const name = key(repository, digest);
        const manifest = await shared(this.manifests, name, read);
        this.answered.set(name, manifest);
        return manifest;
    }
    /**
     * A small blob of `repository`, read whole by `read` the first time it is asked for (see `shared`). Past
     * `KeptBlobsTotalBytes` in all, blobs are read each time rather than kept.
     */
    blob(repository, digest, size, read) {
        const name = key(repository, digest);
        const known = this.blobs.get(name);
        if (known)
            return known;
        if (this.keptBlobBytes + size > KeptBlobsTotalBytes)
            return read();
        this.keptBlobBytes += size;
        // Counted back once, by the one read, when it fails (and is forgotten).
        const counted = () => read().catch((error) => {
            this.keptBlobBytes -= size;
            throw error;
        });
        return shared(this.blobs, name, counted);
    }
}
/**
 * What `read` gives, kept in `kept` under `name`: readers that ask while it is on its way share that read, later
 * ones get its result, and a failed read is forgotten so that a retry reads again.
 */
function shared(kept, name, read) {
    const known = kept.get(name);
    if (known)
        return known;
    const reading = read().catch((error) => {
        kept.delete(name);
        throw error;
    });
    kept.set(name, reading);
    return reading;
}
const key = (repository, digest) => `${(0,_core_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatRepository */ .Sh)(repository)}@${digest}`;
/**
 * A repository on a registry as a content source. Manifests are fetched by digest, so the client checks the
 * bytes against it; the `repository` lets a copy within the same registry mount blobs instead of moving them.
 * With `reads` shared between sources, what one has read the others do not read again.
 */
function registrySource(client, repository, reads = new RegistryReads()) {
    return {
        name: (0,_core_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatRepository */ .Sh)(repository),
        repository,
        async readManifest(descriptor) {
            const { digest } = descriptor;
            const manifest = await reads.readManifest(repository, digest, () => client.getManifest(repository, digest));
            return manifest.bytes;
        },
        async openBlob(descriptor, options) {
            if (descriptor.size > KeptBlobBytes) {
                return client.getBlob(repository, descriptor.digest, { ...options, size: descriptor.size });
            }
            const tooLarge = () => new Error(`Blob ${descriptor.digest} from ${(0,_core_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatRepository */ .Sh)(repository)} has more than the ${descriptor.size} bytes its descriptor says.`);
            // Read to its end, so the client's digest check has passed before the bytes are kept.
            const bytes = await reads.blob(repository, descriptor.digest, descriptor.size, async () => (0,_registry_http_js__WEBPACK_IMPORTED_MODULE_2__/* .collectAtMost */ .nA)(await client.getBlob(repository, descriptor.digest), descriptor.size, tooLarge));
            // Kept bytes are shared between readers, so they were checked whatever this reader asked.
            return node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from([bytes]);
        },
    };
}


/***/ })

};
