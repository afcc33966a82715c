"""Static files as the platform serves them: compressed, with a content hash in their names (issue 11)."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFiles(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage (`collectstatic` writes name.<hash>.css, .gz and .br beside it;
    WhiteNoise and nginx serve the hashed names with a year's cache, as they never change).

    Not strict: a file missing from the manifest (a fresh checkout where `collectstatic` has not run yet)
    keeps its plain name instead of failing the page with a server error; `make run` collects first."""

    manifest_strict = False
